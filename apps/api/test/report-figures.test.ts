// Figures that mean what they say: how each label relates to the suggestion shown is recorded
// (not inferred from label equality), and agreement counts the assigned analysts only.
import {
  type Annotation,
  type DocumentDetail,
  type ImportResult,
  type Sentence,
  suggestionVersion,
} from '@attest/core';
import { annotations, assignments, users } from '@attest/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, expectProblem, type TestApp, type TestUser } from './helpers.ts';

let testApp: TestApp;
let documentId: string;
let sentences: Sentence[];
let ann: TestUser;
let bo: TestUser;
let rex: TestUser;

const body = `Launch report

The KCNA said the launch succeeded. Analysts said it may have failed. The ministry confirmed the date.

Observers were not present. It added that more tests would follow.
`;

const otherLabel = (label: string | null | undefined) =>
  label === 'reported_fact' ? 'kcna_claim' : 'reported_fact';

beforeAll(async () => {
  testApp = await createTestApp();
  await testApp.owner.json('POST', '/api/projects', {
    slug: 'figures',
    name: 'Figures',
    annotatorsPerDocument: 2,
  });
  ann = await addMember(testApp, 'figures', 'analyst', 'Ann A');
  bo = await addMember(testApp, 'figures', 'analyst', 'Bo B');
  rex = await addMember(testApp, 'figures', 'reviewer', 'Rex R');
  const imported = (await (
    await testApp.owner.json('POST', '/api/projects/figures/documents', { body })
  ).json()) as ImportResult;
  documentId = imported.document.id;
  const detail = (await (await ann.request(`/api/documents/${documentId}`)).json()) as DocumentDetail;
  sentences = detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate');
  expect(sentences.filter((sentence) => sentence.suggestion?.label).length).toBeGreaterThanOrEqual(3);
}, 60_000);

afterAll(async () => {
  await testApp?.database.destroy();
});

async function save(user: TestUser, sentence: Sentence, input: Record<string, unknown>) {
  return user.json('PUT', `/api/sentences/${sentence.id}/annotation`, input);
}

describe('the suggestion record of a label', () => {
  it('stores accepted, same_label and other_label with the suggestion’s version', async () => {
    const [first, second, third] = sentences.filter((sentence) => sentence.suggestion?.label);
    const version = (sentence: Sentence) => suggestionVersion(sentence.suggestion!);
    // Ann presses `a` once, types the suggested label once and chooses another label once.
    for (const [sentence, relation, label] of [
      [first!, 'accepted', first!.suggestion!.label],
      [second!, 'same_label', second!.suggestion!.label],
      [third!, 'other_label', otherLabel(third!.suggestion!.label)],
    ] as const) {
      const response = await save(ann, sentence, {
        label,
        suggestion: { relation, version: version(sentence) },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as Annotation).suggestion).toEqual({
        relation,
        version: version(sentence),
      });
    }
    const [annId] = await testApp.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.name, 'Ann A'));
    const stored = await testApp.database.db
      .select({ relation: annotations.suggestionRelation, version: annotations.suggestionVersion })
      .from(annotations)
      .where(eq(annotations.annotatorId, annId!.id));
    expect(stored.map((row) => row.relation).sort()).toEqual(['accepted', 'other_label', 'same_label']);
    expect(stored.map((row) => row.version).sort()).toEqual([first!, second!, third!].map(version).sort());
  });

  it('refuses a relation that contradicts the label against the current suggestion', async () => {
    const sentence = sentences.find((candidate) => candidate.suggestion?.label)!;
    const version = suggestionVersion(sentence.suggestion!);
    const claimed = await save(bo, sentence, {
      label: otherLabel(sentence.suggestion!.label),
      suggestion: { relation: 'accepted', version },
    });
    const problem = await expectProblem(claimed, 422);
    expect(problem.detail).toContain('cannot be "accepted"');
    const missingVersion = await save(bo, sentence, {
      label: sentence.suggestion!.label,
      suggestion: { relation: 'same_label', version: null },
    });
    expect((await expectProblem(missingVersion, 422)).detail).toContain("suggestion's version");
  });

  it('keeps the record when only the evidence changes, and drops it when the label changes unsaid', async () => {
    const sentence = sentences.filter((candidate) => candidate.suggestion?.label)[0]!;
    const label = sentence.suggestion!.label;
    const sourceOnly = await save(ann, sentence, { label, source: 'KCNA' });
    expect(((await sourceOnly.json()) as Annotation).suggestion?.relation).toBe('accepted');
    const relabelled = await save(ann, sentence, { label: otherLabel(label) });
    expect(((await relabelled.json()) as Annotation).suggestion).toBeNull();
    // Back as it was, for the report below.
    await save(ann, sentence, {
      label,
      suggestion: { relation: 'accepted', version: suggestionVersion(sentence.suggestion!) },
    });
  });

  it('reports pressing a and choosing the same label apart, and exports the record', async () => {
    const report = (await (await testApp.owner.request('/api/projects/figures/report')).json()) as {
      analysts: {
        name: string;
        labelled: number;
        acceptedSuggestions: number;
        choseSuggestedLabel: number;
        choseOtherLabel: number;
        unrecorded: number;
        acceptanceRate: number | null;
      }[];
    };
    const annRow = report.analysts.find((analyst) => analyst.name === 'Ann A');
    expect(annRow).toMatchObject({
      labelled: 3,
      acceptedSuggestions: 1,
      choseSuggestedLabel: 1,
      choseOtherLabel: 1,
      unrecorded: 0,
    });
    expect(annRow?.acceptanceRate).toBeCloseTo(1 / 3, 10);

    const exported = await testApp.owner.request(
      '/api/projects/figures/export?format=jsonl&scope=annotations',
    );
    expect(exported.status).toBe(200);
    const rows = (await exported.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.every((row) => !('suggestion_accepted' in row))).toBe(true);
    const relations = rows.filter((row) => row['label'] !== null).map((row) => row['suggestion_relation']);
    expect(relations.sort()).toEqual(['accepted', 'other_label', 'same_label']);
    expect(rows.find((row) => row['suggestion_relation'] === 'accepted')?.['suggestion_version']).toMatch(
      /:[0-9a-f]{8}$/,
    );
  });
});

describe('who counts as an analyst', () => {
  it('leaves an unassigned owner’s labels out of agreement and the analyst table', async () => {
    // Bo labels what Ann labelled, the same way; the owner labels too, differently, unassigned.
    const labelled = await testApp.database.db
      .select({ sentenceId: annotations.sentenceId })
      .from(annotations)
      .innerJoin(users, eq(users.id, annotations.annotatorId))
      .where(eq(users.name, 'Ann A'));
    for (const { sentenceId } of labelled) {
      const sentence = sentences.find((candidate) => candidate.id === sentenceId)!;
      const mine = (await (await ann.request(`/api/documents/${documentId}`)).json()) as DocumentDetail;
      const label = mine.annotations.find((annotation) => annotation.sentenceId === sentenceId)!.label;
      expect((await save(bo, sentence, { label })).status).toBe(200);
      expect((await save(testApp.owner, sentence, { label: otherLabel(label) })).status).toBe(200);
    }
    const documentReport = (await (await rex.request(`/api/documents/${documentId}/report`)).json()) as {
      disagreements: number;
      labelsPerAnalyst: unknown[];
      agreement: { ratings: number; percentAgreement: { pairwise: number | null } };
    };
    expect(documentReport.labelsPerAnalyst).toHaveLength(2);
    expect(documentReport.agreement.ratings).toBe(2 * labelled.length);
    expect(documentReport.agreement.percentAgreement.pairwise).toBe(1);
    expect(documentReport.disagreements).toBe(0);

    const projectReport = (await (await rex.request('/api/projects/figures/report')).json()) as {
      analysts: { name: string }[];
      analystConfusion: { counts: number[][] };
    };
    expect(projectReport.analysts.map((analyst) => analyst.name).sort()).toEqual(['Ann A', 'Bo B']);
    const pairs = projectReport.analystConfusion.counts.flat().reduce((sum, count) => sum + count, 0);
    expect(pairs).toBe(labelled.length);
  });

  it('never compares an adjudicator’s own labels with the gold label she decided', async () => {
    // Rex is given the document too, labels a sentence and settles its gold label himself.
    const [rexId] = await testApp.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.name, 'Rex R'));
    await testApp.database.db.insert(assignments).values({ documentId, userId: rexId!.id });
    const [decided, other] = sentences;
    expect((await save(rex, decided!, { label: 'kcna_claim' })).status).toBe(200);
    expect((await save(rex, other!, { label: 'kcna_claim' })).status).toBe(200);
    const settled = await rex.json('PUT', `/api/sentences/${decided!.id}/adjudication`, {
      label: 'kcna_claim',
    });
    expect(settled.status).toBe(200);
    const otherSettled = await testApp.owner.json('PUT', `/api/sentences/${other!.id}/adjudication`, {
      label: 'reported_fact',
    });
    expect(otherSettled.status).toBe(200);

    const report = (await (await rex.request('/api/projects/figures/report')).json()) as {
      analysts: { name: string; labelled: number; withGold: number; matchingGold: number }[];
    };
    // Only the sentence the owner settled counts for Rex, and his label differs from it.
    expect(report.analysts.find((analyst) => analyst.name === 'Rex R')).toMatchObject({
      labelled: 2,
      withGold: 1,
      matchingGold: 0,
    });
  });
});

describe('the document report’s chains and cue words', () => {
  it('counts chains from labels and suggestions apart, and groups cue words as written', async () => {
    await testApp.owner.json('POST', '/api/projects', { slug: 'words', name: 'Words' });
    const text =
      'The KCNA said the launch succeeded. Later the KCNA added that tests would follow. The KCNA also said more.\n';
    const imported = (await (
      await testApp.owner.json('POST', '/api/projects/words/documents', { body: text, outlet: 'Yonhap' })
    ).json()) as ImportResult;
    const detail = (await (
      await testApp.owner.request(`/api/documents/${imported.document.id}`)
    ).json()) as DocumentDetail;
    const [first, second, third] = detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate');
    const cue = (sentence: Sentence, words: string, kind: string) => {
      const start = text.indexOf(words, sentence.start);
      return { start, end: start + words.length, kind };
    };
    for (const [sentence, words, kind] of [
      [first!, 'The KCNA', 'source'],
      [second!, 'the KCNA', 'source'],
      [third!, 'The KCNA', 'reporting_verb'],
    ] as const) {
      const saved = await save(testApp.owner, sentence, {
        label: 'kcna_claim',
        chain: sentence === first ? ['Yonhap', 'KCNA'] : [],
        cues: [cue(sentence, words, kind)],
      });
      expect(saved.status).toBe(200);
    }
    const report = (await (
      await testApp.owner.request(`/api/documents/${imported.document.id}/report`)
    ).json()) as {
      chains: { chain: string; annotations: number; suggestions: number }[];
      cues: { text: string; kinds: string[]; count: number }[];
    };
    expect(report.cues).toEqual([{ text: 'The KCNA', kinds: ['source', 'reporting_verb'], count: 3 }]);
    const suggested = detail.sentences.filter(
      (sentence) => sentence.kind !== 'boilerplate' && (sentence.suggestion?.chain.length ?? 0) > 0,
    ).length;
    expect(report.chains.reduce((sum, row) => sum + row.suggestions, 0)).toBe(suggested);
    expect(report.chains.reduce((sum, row) => sum + row.annotations, 0)).toBe(1);
    expect(report.chains.find((row) => row.chain === 'Yonhap → KCNA')?.annotations).toBe(1);
  });
});
