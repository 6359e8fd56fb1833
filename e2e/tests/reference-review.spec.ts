// Issue #7's acceptance run: the reference article labelled by two analysts, its disagreements
// settled by a reviewer, and every figure of both reports checked against counts taken
// straight from the server's PostgreSQL database.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type AnnotationInput,
  agreementSummary,
  type ConfusionMatrix,
  type DocumentDetail,
  ratingTableFromRatings,
  scottsPi,
} from '@attest/core';
import type { Locator, Page, TestInfo } from '@playwright/test';
import postgres from 'postgres';
import { addTeammate, createProject, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { repoRoot, withDatabase } from '../support/environment.ts';
import { labelNames, labelThroughApi, readTable } from '../support/reviewing.ts';
import { annotatableRows, expect, saveScreenshot, saveStatus, test } from './support.ts';

const dataDirectory = path.resolve(repoRoot, '../shared/data');
const articlePath = path.join(dataDirectory, 'armistice-anniversary.txt');
const goldPath = path.join(dataDirectory, 'armistice-anniversary.gold.json');

/** One sentence of the reference article's gold file (see ../shared/data/README.md). */
interface GoldSentence {
  text: string;
  kind: 'headline' | 'sentence' | 'boilerplate';
  label: string | null;
}

const labelKeys = ['kcna_claim', 'observer_inference', 'reported_fact'] as const;

/** Analyst B's label: the gold one, except every fourth sentence (from the second) rotates to the next label. */
function disagreeingLabel(goldLabel: string, index: number): string {
  if (index % 4 !== 1) return goldLabel;
  const next = (labelKeys.indexOf(goldLabel as (typeof labelKeys)[number]) + 1) % labelKeys.length;
  return labelKeys[next] ?? goldLabel;
}

/** What analyst B records besides the label: sources on claims and inferences, a chain on some, cue words. */
function detailsOf(
  label: string,
  index: number,
  sentence: { start: number; text: string },
): Omit<AnnotationInput, 'label'> {
  if (label === 'observer_inference') return { source: 'Observers' };
  if (label !== 'kcna_claim') return {};
  const cues = [...sentence.text.matchAll(/KCNA|state media/g)].map((match) => ({
    start: sentence.start + match.index,
    end: sentence.start + match.index + match[0].length,
    kind: 'source' as const,
  }));
  return { source: 'KCNA', ...(index % 2 === 0 ? { chain: ['Yonhap', 'KCNA'] } : {}), cues };
}

function share(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

function coefficient(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

function cellCount(count: number): string {
  return Number.isInteger(count) ? String(count) : count.toFixed(1);
}

/** Adds one to a count in a map, creating it at zero. */
function bump<Key>(counts: Map<Key, number>, key: Key, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** The value of a report figure (a `<dt>`/`<dd>` pair) by its exact term. */
function figure(page: Page, term: string): Locator {
  return page
    .locator('dl.figures > div')
    .filter({ has: page.locator('dt').getByText(term, { exact: true }) })
    .locator('dd');
}

/** A full-page screenshot kept in the test's output and attached to it. */
async function keepScreenshot(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test.describe('the reference article, double-annotated and reviewed', () => {
  test('two analysts label every sentence, a reviewer settles their disagreements, and both reports show the database counts', async ({
    page,
    browser,
  }, testInfo) => {
    const databaseUrl = process.env['DATABASE_URL'];
    const databaseName = process.env['ATTEST_E2E_DATABASE'];
    test.skip(
      !databaseUrl || !databaseName,
      'Needs PostgreSQL (DATABASE_URL): the test counts straight from the server database, which PGlite keeps to one process.',
    );
    // On a fresh clone without ../shared there is no reference article; CI always has it.
    test.skip(
      !existsSync(articlePath) || !existsSync(goldPath),
      `The reference article or its gold labels are missing: expected ${articlePath} and ${goldPath}.`,
    );
    test.setTimeout(240_000);
    const body = await readFile(articlePath, 'utf8');
    const goldSentences = (JSON.parse(await readFile(goldPath, 'utf8')) as GoldSentence[]).filter(
      (sentence) => sentence.kind !== 'boilerplate',
    );

    // The owner's project: two analysts per document, two analysts and a reviewer.
    const slug = uniqueSlug('reference');
    const projectName = 'Reference article review';
    await createProject(page.request, { slug, name: projectName, annotatorsPerDocument: 2 });
    const ana = await addTeammate(browser, page.request, slug, 'analyst', 'Ana Keyboard');
    const ben = await addTeammate(browser, page.request, slug, 'analyst', 'Ben Contrary');
    const rita = await addTeammate(browser, page.request, slug, 'reviewer', 'Rita Reviewer');
    const imported = await page.request.post(`/api/projects/${slug}/documents`, {
      data: { body, outlet: 'Yonhap', publishedAt: '2023-07-27' },
    });
    expect(imported.status(), await imported.text()).toBe(201);
    const documentId = ((await imported.json()) as { document: { id: string } }).document.id;
    const detail = (await (await page.request.get(`/api/documents/${documentId}`)).json()) as DocumentDetail;
    const sentences = detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate');
    expect(
      sentences.map((sentence) => sentence.text),
      'Attest splits the reference article as its gold file does',
    ).toEqual(goldSentences.map((sentence) => sentence.text));
    const planA = goldSentences.map((sentence) => sentence.label ?? 'reported_fact');
    const planB = planA.map(disagreeingLabel);
    const disagreeing = sentences.filter((_, index) => planA[index] !== planB[index]);
    expect(disagreeing.length).toBeGreaterThanOrEqual(5);
    const hotkeys = new Map(
      [...detail.labels]
        .sort((a, b) => a.position - b.position)
        .map((label, index) => [label.key, label.hotkey ?? String(index + 1)]),
    );

    // Analyst A, in the editor, by keyboard only: a label's key, then j to the next sentence.
    const pageA = await ana.context.newPage();
    await pageA.goto(`/documents/${documentId}`);
    await expect(annotatableRows(pageA).first()).toHaveAttribute('aria-selected', 'true');
    for (const [index, key] of planA.entries()) {
      await pageA.keyboard.press(hotkeys.get(key) ?? '');
      await expect(pageA.getByRole('option', { selected: true })).toHaveAccessibleName(
        new RegExp(`^${labelNames[key]}: `),
      );
      if (index < planA.length - 1) await pageA.keyboard.press('j');
    }
    await expect(pageA.getByRole('progressbar', { name: 'Sentences tagged' })).toHaveAttribute(
      'aria-valuenow',
      String(planA.length),
    );
    await expect(saveStatus(pageA)).toHaveText('All changes saved');

    // Analyst B, through the API with B's own session, with sources, chains and cue words.
    for (const [index, sentence] of sentences.entries()) {
      const label = planB[index] ?? 'reported_fact';
      await labelThroughApi(ben.context.request, sentence.id, {
        label,
        ...detailsOf(label, index, sentence),
      });
    }

    // The reviewer settles each disagreement, by mouse and keyboard in turn, moving with "next disagreement".
    const decisions = new Map<string, string>();
    const reviewPage = await rita.context.newPage();
    await reviewPage.goto(`/documents/${documentId}/review`);
    await expect(reviewPage.getByRole('heading', { name: `Review: ${detail.document.title}` })).toBeVisible();
    await expect(reviewPage.getByText(`${disagreeing.length} disagreements`)).toBeVisible();
    await reviewPage.getByRole('radio', { name: 'Disagreements' }).check();
    await expect(reviewPage.getByRole('table').getByRole('row')).toHaveCount(disagreeing.length + 1);
    for (const [turn, sentence] of disagreeing.entries()) {
      const index = sentences.indexOf(sentence);
      // The reviewer sides with A, except on the third, where B's reading wins.
      const decided = (turn === 2 ? planB[index] : planA[index]) ?? 'reported_fact';
      decisions.set(sentence.id, decided);
      const row = reviewPage.locator(`tbody tr[data-id="${sentence.id}"]`);
      await expect(row).toHaveAttribute('aria-current', 'true');
      await expect(row.getByRole('cell', { name: 'Differs' })).toBeVisible();
      const byMouse = turn % 2 === 0;
      if (byMouse) {
        await row.click();
        const panel = reviewPage.getByRole('complementary', {
          name: `Gold label for sentence ${sentence.position + 1}`,
        });
        if (turn === 0)
          await panel.getByLabel('Note for the decision').fill('The agency is the only source here.');
        await panel
          .getByRole('group', { name: 'Set the gold label' })
          .getByRole('button', { name: labelNames[decided] })
          .click();
      } else {
        await expect(row).toBeFocused();
        await reviewPage.keyboard.press(hotkeys.get(decided) ?? '');
      }
      await expect(
        row.getByRole('cell', { name: new RegExp(`^${labelNames[decided]} settled by ${rita.name}`) }),
      ).toBeVisible();
      if (turn === 0) await expect(row.getByText('Note: The agency is the only source here.')).toBeVisible();
      if (byMouse) await reviewPage.getByRole('button', { name: 'Next disagreement' }).click();
      else await reviewPage.keyboard.press('n');
    }
    await expect(
      reviewPage.getByText(/disagreements ·\s+none left to settle ·\s+0 sentences without a gold label/),
    ).toBeVisible();
    // A note typed and not sent stays with its sentence: the next one starts with its own.
    const [, secondDisagreement, thirdDisagreement] = disagreeing;
    await reviewPage.locator(`tbody tr[data-id="${secondDisagreement?.id}"]`).click();
    await reviewPage.getByLabel('Note for the decision').fill('An unsent draft.');
    await reviewPage.getByRole('button', { name: 'Next disagreement' }).click();
    await expect(
      reviewPage.getByRole('complementary', {
        name: `Gold label for sentence ${(thirdDisagreement?.position ?? 0) + 1}`,
      }),
    ).toBeVisible();
    await expect(reviewPage.getByLabel('Note for the decision')).toHaveValue('');
    expect(await seriousViolations(reviewPage)).toEqual([]);
    await keepScreenshot(reviewPage, 'reference-review', testInfo);

    // Everything, counted straight from the database the server writes to.
    const sql = postgres(withDatabase(databaseUrl ?? '', databaseName ?? ''), { max: 1, onnotice: () => {} });
    try {
      const [documentRow] = await sql<{ body: string; projectId: string }[]>`
        select body, project_id as "projectId" from documents where id = ${documentId}`;
      const storedSentences = await sql<
        { id: string; suggested: string | null; suggestedChain: string[] | null }[]
      >`
        select id, suggestion ->> 'label' as suggested, suggestion -> 'chain' as "suggestedChain"
        from sentences where document_id = ${documentId} and kind <> 'boilerplate' order by position`;
      const annotations = await sql<
        {
          sentenceId: string;
          annotatorId: string;
          name: string;
          label: string;
          source: string | null;
          chain: string[];
          cues: { start: number; end: number; kind: string }[];
          relation: string | null;
        }[]
      >`
        select a.sentence_id as "sentenceId", a.annotator_id::text as "annotatorId", u.name, l.key as label,
          a.source, a.chain, a.cues, a.suggestion_relation as relation
        from annotations a join sentences s on s.id = a.sentence_id join labels l on l.id = a.label_id
          join users u on u.id = a.annotator_id
        where s.document_id = ${documentId} order by s.position, a.annotator_id`;
      const adjudications = await sql<{ sentenceId: string; label: string }[]>`
        select ad.sentence_id as "sentenceId", l.key as label
        from adjudications ad join sentences s on s.id = ad.sentence_id join labels l on l.id = ad.label_id
        where s.document_id = ${documentId}`;
      const members = await sql<{ name: string; role: string; assigned: number }[]>`
        select u.name, m.role, (select count(*)::int from assignments asg where asg.user_id = u.id and asg.document_id = ${documentId}) as assigned
        from project_members m join users u on u.id = m.user_id where m.project_id = ${documentRow?.projectId ?? ''}`;
      const storedBody = documentRow?.body ?? '';

      expect(new Map(adjudications.map((row) => [row.sentenceId, row.label]))).toEqual(decisions);
      const labelsBySentence = new Map<string, string[]>();
      for (const annotation of annotations)
        labelsBySentence.set(annotation.sentenceId, [
          ...(labelsBySentence.get(annotation.sentenceId) ?? []),
          annotation.label,
        ]);
      const adjudicated = new Map(adjudications.map((row) => [row.sentenceId, row.label]));
      const goldOf = (sentenceId: string): string | null => {
        const labels = labelsBySentence.get(sentenceId) ?? [];
        return (
          adjudicated.get(sentenceId) ??
          (labels.length >= 2 && new Set(labels).size === 1 ? labels[0]! : null)
        );
      };
      const statusOf = (sentenceId: string): string => {
        const labels = labelsBySentence.get(sentenceId) ?? [];
        if (adjudicated.has(sentenceId)) return 'adjudicated';
        if (labels.length === 0) return 'unlabelled';
        if (labels.length === 1) return 'single';
        return new Set(labels).size === 1 ? 'agreed' : 'disputed';
      };
      const statusNames: Record<string, string> = {
        single: 'One analyst only',
        disputed: 'Disputed',
        unlabelled: 'Unlabelled',
      };
      const goldName = (sentenceId: string): string => {
        const gold = goldOf(sentenceId);
        return gold ? (labelNames[gold] ?? gold) : (statusNames[statusOf(sentenceId)] ?? '');
      };
      const composition = new Map<string, number>(labelKeys.map((key) => [labelNames[key] ?? key, 0]));
      const statuses = new Map<string, number>();
      for (const sentence of storedSentences) {
        bump(composition, goldName(sentence.id));
        bump(statuses, statusOf(sentence.id));
      }
      const disagreements = [...labelsBySentence.values()].filter(
        (labels) => new Set(labels).size > 1,
      ).length;
      const perAnalyst = new Map<string, Map<string, number>>();
      const sources = new Map<string, number>();
      const chainsByAnalysts = new Map<string, number>();
      const chainsBySuggestion = new Map<string, number>();
      // Cue words grouped case-insensitively: every spelling with its count.
      const cueSpellings = new Map<string, Map<string, number>>();
      for (const annotation of annotations) {
        const counts = perAnalyst.get(annotation.name) ?? new Map<string, number>();
        bump(counts, annotation.label);
        perAnalyst.set(annotation.name, counts);
        if (annotation.source) bump(sources, annotation.source);
        if (annotation.chain.length) bump(chainsByAnalysts, annotation.chain.join(' → '));
        for (const cue of annotation.cues) {
          const written = storedBody.slice(cue.start, cue.end).trim();
          const spellings = cueSpellings.get(written.toLowerCase()) ?? new Map<string, number>();
          bump(spellings, written);
          cueSpellings.set(written.toLowerCase(), spellings);
        }
      }
      for (const sentence of storedSentences)
        if (sentence.suggestedChain?.length) bump(chainsBySuggestion, sentence.suggestedChain.join(' → '));
      const agreement = agreementSummary(
        ratingTableFromRatings(
          annotations.map((row) => ({ unit: row.sentenceId, coder: row.annotatorId, label: row.label })),
          labelKeys,
        ),
      );
      expect(disagreements).toBe(disagreeing.length);
      expect(adjudications.length).toBe(disagreeing.length);

      // The document report, opened from the review.
      await reviewPage.getByRole('link', { name: 'Document report' }).click();
      await expect(
        reviewPage.getByRole('heading', { name: `Report: ${detail.document.title}` }),
      ).toBeVisible();
      await expect(reviewPage.getByText(`${storedSentences.length} sentences`)).toBeVisible();
      await expect(figure(reviewPage, 'Sentences')).toHaveText(String(storedSentences.length));
      await expect(figure(reviewPage, 'Analysts disagreed on')).toHaveText(String(disagreements));
      await expect(figure(reviewPage, 'Settled by a reviewer')).toHaveText(String(adjudications.length));
      await expect(figure(reviewPage, 'Analysts agree')).toHaveText(String(statuses.get('agreed') ?? 0));
      await expect(figure(reviewPage, 'Still disputed')).toHaveText(String(statuses.get('disputed') ?? 0));

      const labelsTable = await readTable(
        reviewPage.getByRole('table', { name: 'Sentences each analyst gave each label' }),
      );
      expect(labelsTable.headings).toEqual(['Analyst', ...labelKeys.map((key) => labelNames[key]), 'Total']);
      expect(Object.fromEntries(labelsTable.rows)).toEqual(
        Object.fromEntries(
          [...perAnalyst].map(([name, counts]) => [
            name,
            [...labelKeys.map((key) => String(counts.get(key) ?? 0)), String(storedSentences.length)],
          ]),
        ),
      );
      expect(Object.fromEntries(labelsTable.rows)).toHaveProperty([ana.name]);
      expect(Object.fromEntries(labelsTable.rows)).toHaveProperty([ben.name]);

      const compositionTable = await readTable(
        reviewPage.getByRole('table', { name: 'Sentences per gold label: table' }),
      );
      expect(Object.fromEntries(compositionTable.rows)).toEqual(
        Object.fromEntries([...composition].map(([name, count]) => [name, [String(count)]])),
      );
      await expect(
        reviewPage.getByRole('list', { name: 'Gold label of each sentence: legend' }).getByRole('listitem'),
      ).toHaveText(
        // The legend lists the labels in the project's order, then the statuses.
        [...labelKeys.map((key) => labelNames[key]!), 'One analyst only', 'Disputed', 'Unlabelled']
          .filter((name) => composition.has(name))
          .map((name) => `${name}: ${composition.get(name)}`),
      );

      const sourcesTable = await readTable(
        reviewPage.getByRole('table', { name: 'Times each source was cited: table' }),
      );
      expect(Object.fromEntries(sourcesTable.rows)).toEqual(
        Object.fromEntries([...sources].map(([source, count]) => [source, [String(count)]])),
      );
      const chainsTable = await readTable(
        reviewPage.getByRole('table', {
          name: 'Attribution chains, as analysts recorded them and as suggested',
        }),
      );
      expect(Object.fromEntries(chainsTable.rows)).toEqual(
        Object.fromEntries(
          [...new Set([...chainsByAnalysts.keys(), ...chainsBySuggestion.keys()])].map((chain) => [
            chain,
            [String(chainsByAnalysts.get(chain) ?? 0), String(chainsBySuggestion.get(chain) ?? 0)],
          ]),
        ),
      );
      const cuesTable = await readTable(
        reviewPage.getByRole('table', { name: 'Cue words analysts marked, with the kinds they gave them' }),
      );
      // Shown as most often written, once per word whatever its case, the kind by its name.
      expect(Object.fromEntries(cuesTable.rows)).toEqual(
        Object.fromEntries(
          [...cueSpellings.values()].map((spellings) => {
            const [written] = [...spellings].sort((a, b) => b[1] - a[1])[0]!;
            const count = [...spellings.values()].reduce((sum, value) => sum + value, 0);
            return [written, ['Source', String(count)]];
          }),
        ),
      );

      await expect(figure(reviewPage, 'Analysts')).toHaveText(String(agreement.coders));
      await expect(figure(reviewPage, 'Sentences with two or more labels')).toHaveText(
        String(agreement.pairableUnits),
      );
      await expect(figure(reviewPage, 'Percent agreement (pairwise)')).toHaveText(
        share(agreement.percentAgreement.pairwise),
      );
      await expect(figure(reviewPage, "Mean Cohen's κ")).toHaveText(
        coefficient(agreement.cohensKappa.meanKappa),
      );
      await expect(figure(reviewPage, "Fleiss' κ")).toHaveText(coefficient(agreement.fleissKappa.kappa));
      await expect(figure(reviewPage, "Krippendorff's α")).toHaveText(
        coefficient(agreement.krippendorffAlpha.alpha),
      );
      const [pair] = agreement.cohensKappa.pairs;
      const pairsTable = await readTable(
        reviewPage.getByRole('table', { name: "Cohen's kappa for each pair of analysts" }),
      );
      const nameOf = new Map(annotations.map((row) => [row.annotatorId, row.name]));
      expect(Object.fromEntries(pairsTable.rows)).toEqual({
        [`${nameOf.get(pair?.confusion.rowCoder ?? '')} and ${nameOf.get(pair?.confusion.columnCoder ?? '')}`]:
          [
            String(pair?.confusion.units),
            share(pair?.observedAgreement ?? null),
            coefficient(pair?.kappa ?? null),
          ],
      });
      expect(await seriousViolations(reviewPage)).toEqual([]);
      await keepScreenshot(reviewPage, 'reference-document-report', testInfo);
      await saveScreenshot(reviewPage, 'reference-document-report');

      // The project report, opened from the project's documents.
      await reviewPage.goto(`/projects/${slug}`);
      await reviewPage.getByRole('link', { name: 'Project report' }).click();
      await expect(reviewPage.getByRole('heading', { name: `Report: ${projectName}` })).toBeVisible();
      const goldCounts = new Map([...composition].filter(([, count]) => count > 0));
      const compositionRow = (shown: { headings: string[] }) => [
        ...shown.headings.slice(1, -1).map((name) => String(goldCounts.get(name) ?? 0)),
        String(storedSentences.length),
      ];
      const perDocument = await readTable(
        reviewPage.getByRole('table', { name: 'Sentences per gold label in each document: table' }),
      );
      expect(perDocument.headings.slice(1, -1).sort()).toEqual([...goldCounts.keys()].sort());
      expect(Object.fromEntries(perDocument.rows)).toEqual({
        [detail.document.title]: compositionRow(perDocument),
      });
      const perDate = await readTable(
        reviewPage.getByRole('table', { name: 'Sentences per gold label by publication date: table' }),
      );
      expect([...perDate.rows.values()]).toEqual([compositionRow(perDate)]);

      const kcnaClaims = goldCounts.get(labelNames['kcna_claim'] ?? '') ?? 0;
      const withGold = storedSentences.filter((sentence) => goldOf(sentence.id) !== null).length;
      const outletTable = await readTable(
        reviewPage.getByRole('table', { name: 'Share of KCNA claims per outlet' }),
      );
      expect(Object.fromEntries(outletTable.rows)).toEqual({ Yonhap: [share(kcnaClaims / withGold)] });
      const outletBars = await readTable(
        reviewPage.getByRole('table', { name: 'KCNA claims among the sentences with a gold label: table' }),
      );
      expect(Object.fromEntries(outletBars.rows)).toEqual({
        Yonhap: [String(kcnaClaims), String(withGold - kcnaClaims), String(withGold)],
      });
      const projectSources = await readTable(
        reviewPage.getByRole('table', { name: 'Times each source was cited: table' }),
      );
      expect(Object.fromEntries(projectSources.rows)).toEqual(Object.fromEntries(sourcesTable.rows));

      // One analyst's label against the other's: a differing pair counts half in each of its cells.
      const analystMatrix: ConfusionMatrix = {
        categories: labelKeys,
        rowCoder: 'analyst',
        columnCoder: 'analyst',
        counts: labelKeys.map(() => labelKeys.map(() => 0)),
        units: 0,
      };
      for (const labels of labelsBySentence.values()) {
        const [first, second] = labels.map((label) => labelKeys.indexOf(label as (typeof labelKeys)[number]));
        if (first === undefined || second === undefined) continue;
        const counts = analystMatrix.counts as number[][];
        counts[first]![second]! += first === second ? 1 : 0.5;
        if (first !== second) counts[second]![first]! += 0.5;
        (analystMatrix as { units: number }).units++;
      }
      const pairCount = `${analystMatrix.units} pair${analystMatrix.units === 1 ? '' : 's'}`;
      const heatmap = await readTable(
        reviewPage.getByRole('table', { name: "One analyst's label against another's, same sentence" }),
      );
      expect(Object.fromEntries(heatmap.rows)).toEqual(
        Object.fromEntries(
          labelKeys.map((key, row) => [labelNames[key], analystMatrix.counts[row]!.map(cellCount)]),
        ),
      );
      await expect(
        reviewPage.getByText(
          `Scott's π over ${pairCount} of labels: ${coefficient(scottsPi(analystMatrix).pi)}.`,
        ),
      ).toBeVisible();

      const suggestedOf = new Map(storedSentences.map((sentence) => [sentence.id, sentence.suggested]));
      const analystRows = await readTable(
        reviewPage.getByRole('table', { name: /^Progress, suggestion acceptance/ }),
      );
      // The analysts, and any other member who labelled something.
      const labellers = members.filter(
        (member) => member.role === 'analyst' || annotations.some((row) => row.name === member.name),
      );
      expect(labellers.map((member) => member.name).sort()).toEqual([ana.name, ben.name].sort());
      expect(Object.fromEntries(analystRows.rows)).toEqual(
        Object.fromEntries(
          labellers.map((member) => {
            const own = annotations.filter((row) => row.name === member.name);
            // The editor records what the analyst did; labels saved through the API without a
            // record are left out of the shares rather than guessed from label equality.
            const recorded = own.filter((row) => row.relation !== null);
            const accepted = own.filter((row) => row.relation === 'accepted').length;
            const sameLabel = own.filter((row) => row.relation === 'same_label').length;
            const matchingSuggestion = recorded.filter(
              (row) => suggestedOf.get(row.sentenceId) === row.label,
            ).length;
            expect(accepted + sameLabel).toBe(matchingSuggestion);
            const graded = own.filter((row) => goldOf(row.sentenceId) !== null);
            const matching = graded.filter((row) => goldOf(row.sentenceId) === row.label).length;
            return [
              member.name,
              [
                String(member.assigned),
                String(own.length),
                `${accepted} (${share(recorded.length ? accepted / recorded.length : null)})`,
                String(sameLabel),
                `${matching} of ${graded.length} (${share(graded.length ? matching / graded.length : null)})`,
              ],
            ];
          }),
        ),
      );
      expect(members.find((member) => member.name === ana.name)?.assigned).toBe(1);

      // The suggestions against gold: precision per suggested label, recall per gold label.
      const suggestionCounts = labelKeys.map(() => labelKeys.map(() => 0));
      for (const sentence of storedSentences) {
        const gold = goldOf(sentence.id);
        const row = labelKeys.indexOf(sentence.suggested as (typeof labelKeys)[number]);
        const column = labelKeys.indexOf(gold as (typeof labelKeys)[number]);
        if (row >= 0 && column >= 0) suggestionCounts[row]![column]!++;
      }
      const suggestionHeatmap = await readTable(
        reviewPage.getByRole('table', { name: 'Suggested label (rows) against gold label (columns)' }),
      );
      expect(Object.fromEntries(suggestionHeatmap.rows)).toEqual(
        Object.fromEntries(
          labelKeys.map((key, row) => [labelNames[key], suggestionCounts[row]!.map(cellCount)]),
        ),
      );
      const precisionTable = await readTable(
        reviewPage.getByRole('table', {
          name: 'Precision and recall of the suggestions against gold, per label',
        }),
      );
      expect(Object.fromEntries(precisionTable.rows)).toEqual(
        Object.fromEntries(
          labelKeys.map((key, index) => {
            const truePositives = suggestionCounts[index]![index]!;
            const suggested = suggestionCounts[index]!.reduce((sum, count) => sum + count, 0);
            const support = suggestionCounts.reduce((sum, row) => sum + row[index]!, 0);
            return [
              labelNames[key],
              [
                share(suggested ? truePositives / suggested : null),
                share(support ? truePositives / support : null),
                String(support),
              ],
            ];
          }),
        ),
      );
      expect(await seriousViolations(reviewPage)).toEqual([]);
      await keepScreenshot(reviewPage, 'reference-project-report', testInfo);
      await saveScreenshot(reviewPage, 'reference-project-report');
    } finally {
      await sql.end();
      await ana.context.close();
      await ben.context.close();
      await rita.context.close();
    }
  });
});
