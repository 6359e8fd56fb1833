// Steps the review and report tests share: labelling as an analyst through the API, and
// reading a report table's figures as the page shows them.
import type { AnnotationInput } from '@attest/core';
import { type APIRequestContext, expect, type Locator } from '@playwright/test';

/** The default labels' names, by key, as the pages show them. */
export const labelNames: Record<string, string> = {
  kcna_claim: 'KCNA claim',
  observer_inference: 'Observer inference',
  reported_fact: 'Reported fact',
};

/** Labels a sentence for the first time as the analyst signed in on `request`. */
export async function labelThroughApi(
  request: APIRequestContext,
  sentenceId: string,
  annotation: AnnotationInput,
): Promise<void> {
  const response = await request.put(`/api/sentences/${sentenceId}/annotation`, {
    headers: { 'if-match': '"0"', 'idempotency-key': `e2e-${sentenceId}-${Math.random()}` },
    data: annotation,
  });
  expect(response.status(), await response.text()).toBe(200);
}

export interface ShownTable {
  /** The column headings, in order. */
  headings: string[];
  /** Each body row's other cells, by the text of its first cell. */
  rows: Map<string, string[]>;
}

/** A table's text as rendered, once it is there: what a reader of the report sees. */
export async function readTable(table: Locator): Promise<ShownTable> {
  await expect(table.locator('tbody tr').first()).toBeAttached();
  const shown = await table.evaluate((element) => {
    const textOf = (cell: Element) => (cell.textContent ?? '').replaceAll(/\s+/g, ' ').trim();
    const headings = [...element.querySelectorAll('thead th')].map(textOf);
    const rows = [...element.querySelectorAll('tbody tr')].map((row) => [...row.children].map(textOf));
    return { headings, rows };
  });
  return {
    headings: shown.headings,
    rows: new Map(shown.rows.map(([first = '', ...rest]) => [first, rest])),
  };
}
