// Words and colours the report pages share for gold labels, statuses and coefficients.
import type { ReportLabel } from '@attest/core';

/** What the composition calls sentences without a gold label, and how the charts colour them. */
export const statusEntries: Record<string, { name: string; color: string }> = {
  '(single)': { name: 'One analyst only', color: '#98a2b3' },
  '(disputed)': { name: 'Disputed', color: '#dc6803' },
  '(unlabelled)': { name: 'Unlabelled', color: '#d0d5dd' },
};

/** A composition key (a label key or a status in brackets) in words, with its colour. */
export function compositionEntry(
  key: string,
  labels: readonly ReportLabel[],
): { name: string; color: string } {
  const label = labels.find((item) => item.key === key);
  if (label) return { name: label.name, color: label.color };
  return statusEntries[key] ?? { name: key, color: '#667085' };
}

/** Composition keys in a stable order: the labels as configured, then the statuses. */
export function compositionKeys(labels: readonly ReportLabel[]): string[] {
  return [...labels.map((label) => label.key), ...Object.keys(statusEntries)];
}

/** The names of the composition keys, in their order: the order of every legend of gold labels. */
export function compositionNames(labels: readonly ReportLabel[]): string[] {
  return compositionKeys(labels).map((key) => compositionEntry(key, labels).name);
}

/** "0.74", or "—" when the coefficient is undefined for the data. */
export function formatCoefficient(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(2);
}

/** "74%", or "—" without data. */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`;
}

/** A file name from a title: lower-case words joined by hyphens. */
export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replaceAll(/[^a-z0-9]+/g, '-')
      .replaceAll(/^-|-$/g, '')
      .slice(0, 60) || 'report'
  );
}

/**
 * Legend entries (name, colour, count) of cells in `order` (names; the project's label order),
 * names outside it after, in their order of appearance.
 */
export function orderedLegend(
  cells: readonly { name: string; color: string }[],
  order: readonly string[],
): { name: string; color: string; count: number }[] {
  const counted = new Map<string, { name: string; color: string; count: number }>();
  for (const cell of cells) {
    const entry = counted.get(cell.name) ?? { name: cell.name, color: cell.color, count: 0 };
    entry.count++;
    counted.set(cell.name, entry);
  }
  return inOrder([...counted.values()], order);
}

/** `items` sorted by where their names stand in `order`; names outside it after, as they came. */
export function inOrder<Item extends { name: string }>(
  items: readonly Item[],
  order: readonly string[],
): Item[] {
  const rank = (name: string) => {
    const index = order.indexOf(name);
    return index === -1 ? order.length : index;
  };
  return [...items].sort((a, b) => rank(a.name) - rank(b.name));
}
