import { readFile } from 'node:fs/promises';
import type { DocumentDetail } from '@attest/core';
import type { Page } from '@playwright/test';
import { addTeammate, createProject, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { labelNames, labelThroughApi, readTable } from '../support/reviewing.ts';
import { expect, saveScreenshot, test } from './support.ts';

const title = 'Armistice day marked in Pyongyang';
const article = `${title}

The Korean Central News Agency said the country won a great victory in the war.

Seoul's defence ministry said it detected no unusual military activity near the border.

Analysts said the rally was likely timed to shore up support for the leadership.

KCNA claimed that the United States had started the war.
`;

/** What each analyst labels, sentence by sentence (headline first); null leaves it untagged. */
const plan = {
  ana: ['reported_fact', 'kcna_claim', 'reported_fact', 'observer_inference', 'kcna_claim'],
  ben: ['reported_fact', 'kcna_claim', 'kcna_claim', 'reported_fact', null],
} as const;

/** The review table's row of a sentence, found by its words. */
function reviewRow(page: Page, words: RegExp) {
  return page.getByRole('table').getByRole('row', { name: words });
}

test.describe('review and reports', () => {
  test('a reviewer settles disagreements by keyboard and mouse; the reports count what was labelled', async ({
    page,
    browser,
    consoleErrors,
  }) => {
    test.setTimeout(60_000);
    const slug = uniqueSlug('reports');
    await createProject(page.request, { slug, name: 'Reports check', annotatorsPerDocument: 2 });
    const ana = await addTeammate(browser, page.request, slug, 'analyst', 'Ana Analyst');
    const ben = await addTeammate(browser, page.request, slug, 'analyst', 'Ben Analyst');
    const imported = await page.request.post(`/api/projects/${slug}/documents`, {
      data: { body: article, title },
    });
    expect(imported.status(), await imported.text()).toBe(201);
    const documentId = ((await imported.json()) as { document: { id: string } }).document.id;
    const detail = (await (await page.request.get(`/api/documents/${documentId}`)).json()) as DocumentDetail;
    const sentences = detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate');
    expect(sentences).toHaveLength(plan.ana.length);

    for (const [teammate, labels] of [
      [ana, plan.ana],
      [ben, plan.ben],
    ] as const) {
      for (const [index, key] of labels.entries()) {
        const sentence = sentences[index];
        if (key && sentence)
          await labelThroughApi(teammate.context.request, sentence.id, {
            label: key,
            ...(key === 'kcna_claim' ? { source: 'KCNA', chain: ['Yonhap', 'KCNA'] } : {}),
          });
      }
    }

    // The review: two disagreements (sentences 3 and 4), settled by keyboard and by mouse.
    await page.goto(`/projects/${slug}`);
    await page.getByRole('link', { name: 'Review', exact: true }).click();
    await expect(page.getByRole('heading', { name: `Review: ${title}` })).toBeVisible();
    await expect(page.getByText('2 disagreements')).toBeVisible();
    await page.getByRole('radio', { name: 'Disagreements' }).check();
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
    const defence = reviewRow(page, /defence ministry/);
    const analysts = reviewRow(page, /Analysts said/);
    await expect(defence.getByRole('cell', { name: 'Differs' })).toBeVisible();
    await expect(defence.getByRole('cell', { name: /KCNA claim.*Source: KCNA/ })).toBeVisible();

    await defence.focus();
    await page.keyboard.press('1');
    await expect(defence.getByRole('cell', { name: /KCNA claim settled by Olivia Owner/ })).toBeVisible();
    await page.keyboard.press('n');
    await expect(analysts).toBeFocused();
    await page.keyboard.press('k');
    await expect(defence).toBeFocused();
    await page.keyboard.press('Backspace');
    await expect(defence.getByRole('cell', { name: 'Disputed' })).toBeVisible();
    await page.keyboard.press('1');
    await expect(defence.getByRole('cell', { name: /KCNA claim settled/ })).toBeVisible();

    await analysts.click();
    const panel = page.getByRole('complementary', { name: /Gold label for sentence 4/ });
    await panel.getByLabel('Note for the decision').fill('Hedged: "likely".');
    await panel
      .getByRole('group', { name: 'Set the gold label' })
      .getByRole('button', { name: 'Observer inference' })
      .click();
    await expect(
      analysts.getByRole('cell', { name: /Observer inference settled by Olivia Owner/ }),
    ).toBeVisible();
    await expect(analysts.getByText('Note: Hedged: "likely".')).toBeVisible();

    // Someone else changes the decision meanwhile: the stale one is refused and the newer shown.
    consoleErrors.allow(/status of 412/);
    const review = (await (await page.request.get(`/api/documents/${documentId}/review`)).json()) as {
      adjudications: { sentenceId: string; version: number }[];
    };
    const analystsSentence = sentences[3];
    const version = review.adjudications.find((item) => item.sentenceId === analystsSentence?.id)?.version;
    const changed = await page.request.put(`/api/sentences/${analystsSentence?.id}/adjudication`, {
      headers: { 'if-match': `"${version}"`, 'idempotency-key': `e2e-elsewhere-${Date.now()}` },
      data: { label: 'reported_fact' },
    });
    expect(changed.status(), await changed.text()).toBe(200);
    await analysts.focus();
    await page.keyboard.press('2');
    await expect(page.getByRole('alert')).toContainText('its gold label is now Reported fact');
    await expect(analysts.getByRole('cell', { name: /Reported fact settled/ })).toBeVisible();
    await page.keyboard.press('2');
    await expect(analysts.getByRole('cell', { name: /Observer inference settled/ })).toBeVisible();
    await page.getByRole('radio', { name: 'All sentences' }).check();
    await saveScreenshot(page, 'review');
    expect(await seriousViolations(page)).toEqual([]);

    // What the gold labels now are, from what was labelled and decided above.
    const gold = ['reported_fact', 'kcna_claim', 'kcna_claim', 'observer_inference', null];
    const expected = new Map<string, number>();
    for (const key of gold) {
      const name = key ? (labelNames[key] ?? key) : 'One analyst only';
      expected.set(name, (expected.get(name) ?? 0) + 1);
    }
    const report = (await (await page.request.get(`/api/documents/${documentId}/report`)).json()) as {
      composition: Record<string, number>;
    };
    expect(report.composition).toEqual({
      reported_fact: 1,
      kcna_claim: 2,
      observer_inference: 1,
      '(single)': 1,
    });

    await page.getByRole('link', { name: 'Document report' }).click();
    await expect(page.getByRole('heading', { name: `Report: ${title}` })).toBeVisible();
    const composition = page.getByRole('table', { name: 'Sentences per gold label: table' });
    for (const [name, count] of expected)
      await expect(
        composition.getByRole('row', { name: new RegExp(`^${name} `) }).getByRole('cell'),
      ).toHaveText(String(count));
    // The legend follows the project's label order, as every other chart and table does.
    const legendOrder = ['KCNA claim', 'Observer inference', 'Reported fact', 'One analyst only'];
    await expect(
      page.getByRole('list', { name: 'Gold label of each sentence: legend' }).getByRole('listitem'),
    ).toHaveText(legendOrder.map((name) => `${name}: ${expected.get(name)}`));
    const sources = page.getByRole('table', { name: 'Times each source was cited: table' });
    await expect(sources.getByRole('row', { name: /^KCNA / }).getByRole('cell')).toHaveText('4');
    // Chains recorded by analysts and proposed by suggestions are counted apart.
    const chains = page.getByRole('table', {
      name: 'Attribution chains, as analysts recorded them and as suggested',
    });
    await expect(chains.getByRole('columnheader')).toHaveText(['Chain', "Analysts' labels", 'Suggestions']);
    await expect(chains.getByRole('cell', { name: 'Yonhap → KCNA' })).toBeVisible();
    // The pair comes in the rating table's coder order, which follows the analysts' ids.
    await expect(
      page.getByRole('cell', { name: /^(Ana Analyst and Ben Analyst|Ben Analyst and Ana Analyst)$/ }),
    ).toBeVisible();
    await saveScreenshot(page, 'document-report');
    expect(await seriousViolations(page)).toEqual([]);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download HTML' }).click();
    const saved = await (await downloading).path();
    const exported = await readFile(saved, 'utf8');
    expect(exported).toContain('<svg');
    expect(exported).toContain('Sentences per gold label');
    expect(exported).not.toMatch(/<script|<button|javascript:/i);
    const copy = await page.context().newPage();
    await copy.setContent(exported);
    await expect(copy.getByRole('heading', { name: `Report: ${title}` })).toBeVisible();
    await expect(copy.getByRole('table', { name: 'Sentences per gold label: table' })).toBeVisible();
    await copy.screenshot({ path: test.info().outputPath('downloaded-report.png'), fullPage: true });
    await copy.close();

    // The project report, with a second document nobody labelled: its bar holds only
    // "Unlabelled", and whichever bar comes first, the legend and table keep one order.
    const unlabelled = await page.request.post(`/api/projects/${slug}/documents`, {
      data: { body: 'Quiet day\n\nNothing was said about the dam.\n', title: 'Quiet day' },
    });
    expect(unlabelled.status(), await unlabelled.text()).toBe(201);
    await page.goto(`/projects/${slug}`);
    await page.getByRole('link', { name: 'Project report' }).click();
    await expect(page.getByRole('heading', { name: 'Report: Reports check' })).toBeVisible();
    const perDocument = page.getByRole('table', { name: 'Sentences per gold label in each document: table' });
    await expect(
      perDocument
        .getByRole('row', { name: new RegExp(`^${title}`) })
        .getByRole('cell')
        .last(),
    ).toHaveText(String(gold.length));
    const orderOfLegends = [
      'KCNA claim',
      'Observer inference',
      'Reported fact',
      'One analyst only',
      'Disputed',
      'Unlabelled',
    ];
    for (const name of [
      'Sentences per gold label in each document: table',
      'Sentences per gold label by publication date: table',
    ]) {
      const { headings } = await readTable(page.getByRole('table', { name }));
      const shown = headings.slice(1, -1);
      expect(shown, name).toEqual(orderOfLegends.filter((heading) => shown.includes(heading)));
      expect(shown, name).toContain('Unlabelled');
    }
    const progress = page.getByRole('table', { name: /Progress, suggestion acceptance/ });
    await expect(
      progress
        .getByRole('row', { name: /^Ana Analyst/ })
        .getByRole('cell')
        .nth(1),
    ).toHaveText(String(plan.ana.filter(Boolean).length));
    await expect(
      progress
        .getByRole('row', { name: /^Ben Analyst/ })
        .getByRole('cell')
        .nth(1),
    ).toHaveText(String(plan.ben.filter(Boolean).length));
    const projectReport = (await (await page.request.get(`/api/projects/${slug}/report`)).json()) as {
      analystConfusion: { counts: number[][] };
    };
    const heatmap = page.getByRole('table', { name: "One analyst's label against another's, same sentence" });
    for (const [row, counts] of projectReport.analystConfusion.counts.entries())
      await expect(
        heatmap
          .getByRole('row')
          .nth(row + 1)
          .getByRole('cell'),
      ).toHaveText(counts.map((count) => (Number.isInteger(count) ? String(count) : count.toFixed(1))));
    await saveScreenshot(page, 'project-report');
    expect(await seriousViolations(page)).toEqual([]);

    // Printed, the report leaves out the application's header, the breadcrumbs and the buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Download HTML' })).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Report: Reports check' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('project-report-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await ana.context.close();
    await ben.context.close();
  });
});
