import { type DocumentDetail, type ImportResult, type Sentence, suggestionVersion } from '@attest/core';
import { adjudications, annotations, labels, sentences, users } from '@attest/db';
import { and, count, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, type TestApp, type TestUser } from './helpers.ts';

let testApp: TestApp;
let documentId: string;
let analysts: [TestUser, TestUser];
let reviewer: TestUser;

const body = `Report headline

The KCNA said the launch succeeded. Analysts said it may have failed. The ministry confirmed the date.

Observers were not present. It added that more tests would follow.
`;

beforeAll(async () => {
  testApp = await createTestApp();
  await testApp.owner.json('POST', '/api/projects', {
    slug: 'reports',
    name: 'Reports',
    annotatorsPerDocument: 2,
  });
  analysts = [
    await addMember(testApp, 'reports', 'analyst', 'Ann A'),
    await addMember(testApp, 'reports', 'analyst', 'Bo B'),
  ];
  reviewer = await addMember(testApp, 'reports', 'reviewer', 'Rex R');
  const imported = (await (
    await testApp.owner.json('POST', '/api/projects/reports/documents', { body, outlet: 'Test Wire' })
  ).json()) as ImportResult;
  documentId = imported.document.id;
  const detail = (await (await analysts[0].request(`/api/documents/${documentId}`)).json()) as DocumentDetail;
  const annotatable = detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate');
  // Ann and Bo agree on the first three sentences and disagree on the fourth; the reviewer settles it.
  const annLabels = ['kcna_claim', 'kcna_claim', 'observer_inference', 'reported_fact', 'reported_fact'];
  const boLabels = ['kcna_claim', 'kcna_claim', 'observer_inference', 'observer_inference'];
  // Ann chooses every label herself; Bo accepts the suggestion (`a`) where it is his label.
  const record = (sentence: Sentence, label: string, pressedA: boolean) => {
    const suggested = sentence.suggestion;
    if (!suggested?.label) return { relation: 'no_suggestion', version: null };
    const version = suggestionVersion(suggested);
    if (suggested.label !== label) return { relation: 'other_label', version };
    return { relation: pressedA ? 'accepted' : 'same_label', version };
  };
  for (const [index, sentence] of annotatable.entries()) {
    const source = index === 1 ? 'KCNA' : null;
    const annLabel = annLabels[index];
    const boLabel = boLabels[index];
    if (annLabel)
      await analysts[0].json('PUT', `/api/sentences/${sentence.id}/annotation`, {
        label: annLabel,
        source,
        suggestion: record(sentence, annLabel, false),
      });
    if (boLabel)
      await analysts[1].json('PUT', `/api/sentences/${sentence.id}/annotation`, {
        label: boLabel,
        source,
        suggestion: record(sentence, boLabel, true),
      });
  }
  await reviewer.json('PUT', `/api/sentences/${annotatable[3]!.id}/adjudication`, {
    label: 'observer_inference',
  });
}, 60_000);

afterAll(async () => {
  await testApp?.database.destroy();
});

describe('document report', () => {
  it('counts gold labels and statuses as the database holds them, with sources and agreement', async () => {
    const response = await reviewer.request(`/api/documents/${documentId}/report`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      composition: Record<string, number>;
      statuses: Record<string, number>;
      strip: { position: number; gold: string | null; status: string }[];
      sources: { source: string; count: number }[];
      chains: { chain: string; count: number }[];
      disagreements: number;
      labelsPerAnalyst: { annotatorId: string; counts: Record<string, number> }[];
      agreement: { units: number; ratings: number; percentAgreement: { pairwise: number | null } };
    };
    const [annotatable] = await testApp.database.db
      .select({ total: count() })
      .from(sentences)
      .where(and(eq(sentences.documentId, documentId), ne(sentences.kind, 'boilerplate')));
    expect(report.strip).toHaveLength(annotatable!.total);
    expect(report.statuses).toEqual({
      agreed: 3,
      adjudicated: 1,
      single: 1,
      unlabelled: annotatable!.total - 5,
    });
    expect(report.composition['kcna_claim']).toBe(2);
    expect(report.composition['observer_inference']).toBe(2);
    expect(report.sources).toEqual([{ source: 'KCNA', count: 2 }]);
    // The one disagreement counts although a reviewer settled it.
    expect(report.disagreements).toBe(1);
    expect(report.labelsPerAnalyst.map((analyst) => analyst.counts)).toEqual(
      expect.arrayContaining([
        { kcna_claim: 2, observer_inference: 1, reported_fact: 2 },
        { kcna_claim: 2, observer_inference: 2 },
      ]),
    );
    expect(report.labelsPerAnalyst).toHaveLength(2);

    const [ratings] = await testApp.database.db
      .select({ total: count() })
      .from(annotations)
      .innerJoin(sentences, eq(sentences.id, annotations.sentenceId))
      .where(eq(sentences.documentId, documentId));
    expect(report.agreement.ratings).toBe(ratings!.total);
    expect(report.agreement.percentAgreement.pairwise).toBeCloseTo(3 / 4, 5);
  });
});

describe('project report', () => {
  it('gives the analysts confusion, progress and suggestion accuracy from aggregates', async () => {
    const report = (await (await testApp.owner.request('/api/projects/reports/report')).json()) as {
      analystConfusion: { categories: string[]; counts: number[][]; pairs: number; scottsPi: number | null };
      analysts: {
        name: string;
        labelled: number;
        assigned: number;
        acceptedSuggestions: number;
        acceptanceRate: number | null;
        agreementWithGold: number | null;
      }[];
      kcnaShareByOutlet: { outlet: string; kcnaClaims: number; labelled: number }[];
      suggestions: { perLabel: { label: string; support: number }[] };
      byDocument: { group: string | null; totals: Record<string, number> }[];
      byPublicationDate: { group: string | null; totals: Record<string, number> }[];
    };
    // The document, day and outlet counts come from one grouped statement: each adds up alike.
    const sentenceCount = (groups: { totals: Record<string, number> }[]) =>
      groups.flatMap((group) => Object.values(group.totals)).reduce((sum, value) => sum + value, 0);
    expect(report.byDocument).toHaveLength(1);
    expect(report.byPublicationDate).toHaveLength(1);
    expect(sentenceCount(report.byDocument)).toBeGreaterThan(0);
    expect(sentenceCount(report.byPublicationDate)).toBe(sentenceCount(report.byDocument));
    const pairTotal = report.analystConfusion.counts.flat().reduce((sum, value) => sum + value, 0);
    expect(pairTotal).toBe(4);
    // Pairs (KCNA, KCNA) twice, (observer, observer), (reported, observer): p_o = 3/4. Of the 8
    // labels 4 are KCNA, 3 observer and 1 reported, so p_e = (16 + 9 + 1) / 64 and Scott's
    // pi = (3/4 − 26/64) / (1 − 26/64) = 11/19. (Cohen's kappa, Ann against Bo, would be 0.6.)
    expect(report.analystConfusion.pairs).toBe(4);
    expect(report.analystConfusion.scottsPi).toBeCloseTo(11 / 19, 10);
    const byName = new Map(report.analysts.map((analyst) => [analyst.name, analyst]));
    expect(byName.get('Ann A')).toMatchObject({ labelled: 5, assigned: 1 });
    expect(byName.get('Bo B')).toMatchObject({ labelled: 4, assigned: 1 });
    // Suggestions taken and agreement with gold, recounted here from the stored rows.
    const stored = await testApp.database.db
      .select({
        sentenceId: annotations.sentenceId,
        name: users.name,
        label: labels.key,
        suggestion: sentences.suggestion,
        relation: annotations.suggestionRelation,
      })
      .from(annotations)
      .innerJoin(users, eq(users.id, annotations.annotatorId))
      .innerJoin(labels, eq(labels.id, annotations.labelId))
      .innerJoin(sentences, eq(sentences.id, annotations.sentenceId));
    const decided = await testApp.database.db
      .select({ sentenceId: adjudications.sentenceId, label: labels.key })
      .from(adjudications)
      .innerJoin(labels, eq(labels.id, adjudications.labelId));
    const goldOf = (sentenceId: string) => {
      const adjudicated = decided.find((row) => row.sentenceId === sentenceId);
      if (adjudicated) return adjudicated.label;
      const given = stored.filter((row) => row.sentenceId === sentenceId).map((row) => row.label);
      return given.length >= 2 && new Set(given).size === 1 ? given[0] : null;
    };
    for (const name of ['Ann A', 'Bo B']) {
      const own = stored.filter((row) => row.name === name);
      // Pressing `a` counts, choosing the suggested label by hand does not: the record says which.
      const accepted = own.filter((row) => row.relation === 'accepted').length;
      const sameLabel = own.filter((row) => row.suggestion?.label === row.label).length;
      expect(sameLabel).toBeGreaterThan(0);
      expect(byName.get(name)?.acceptedSuggestions).toBe(name === 'Ann A' ? 0 : sameLabel);
      const withGold = own.filter((row) => goldOf(row.sentenceId) !== null);
      const matching = withGold.filter((row) => goldOf(row.sentenceId) === row.label).length;
      expect(byName.get(name)?.acceptanceRate).toBeCloseTo(accepted / own.length, 10);
      expect(byName.get(name)?.agreementWithGold).toBeCloseTo(matching / withGold.length, 10);
    }
    // The reviewer and the owner labelled nothing: they are not listed as analysts.
    expect([...byName.keys()].sort()).toEqual(['Ann A', 'Bo B']);
    expect(report.kcnaShareByOutlet).toEqual([
      expect.objectContaining({ outlet: 'Test Wire', kcnaClaims: 2, labelled: 4 }),
    ]);
    const support = report.suggestions.perLabel.reduce((sum, row) => sum + row.support, 0);
    expect(support).toBe(4);
  });
});
