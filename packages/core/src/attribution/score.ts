// Exact and overlap precision, recall and F1 of predicted role spans against gold ones, as
// PolNeAR is scored: exact = same start and end (a discontinuous gold span counts by its outer
// bounds); overlap = any shared character, each gold span matched at most once.
import type { BratDocument } from './brat.ts';
import type { RoleSpan } from './tagger.ts';
import { type Role, roles } from './tags.ts';

export interface Span {
  start: number;
  end: number;
}

export interface Counts {
  predicted: number;
  gold: number;
  exact: number;
  overlap: number;
}

export interface RoleScore {
  precision: number;
  recall: number;
  f1: number;
}

export type AttributionScores = Record<Role, { counts: Counts; exact: RoleScore; overlap: RoleScore }>;

export function emptyCounts(): Record<Role, Counts> {
  return Object.fromEntries(
    roles.map((role) => [role, { predicted: 0, gold: 0, exact: 0, overlap: 0 }]),
  ) as Record<Role, Counts>;
}

/** Adds one document's matches for one role to `counts`. */
export function countMatches(counts: Counts, predicted: readonly Span[], gold: readonly Span[]): void {
  counts.predicted += predicted.length;
  counts.gold += gold.length;
  const exactKeys = new Set(gold.map((span) => `${span.start}:${span.end}`));
  for (const span of predicted) {
    const key = `${span.start}:${span.end}`;
    if (exactKeys.delete(key)) counts.exact++;
  }
  const used = new Array<boolean>(gold.length).fill(false);
  for (const span of predicted) {
    const match = gold.findIndex(
      (candidate, index) => !used[index] && candidate.start < span.end && span.start < candidate.end,
    );
    if (match >= 0) {
      used[match] = true;
      counts.overlap++;
    }
  }
}

function score(matched: number, predicted: number, gold: number): RoleScore {
  const precision = predicted === 0 ? 0 : matched / predicted;
  const recall = gold === 0 ? 0 : matched / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function scoreCounts(counts: Record<Role, Counts>): AttributionScores {
  return Object.fromEntries(
    roles.map((role) => {
      const roleCounts = counts[role];
      return [
        role,
        {
          counts: roleCounts,
          exact: score(roleCounts.exact, roleCounts.predicted, roleCounts.gold),
          overlap: score(roleCounts.overlap, roleCounts.predicted, roleCounts.gold),
        },
      ];
    }),
  ) as AttributionScores;
}

/** A Markdown table: role, exact P/R/F1, overlap P/R/F1, gold and predicted counts. */
export function formatScores(scores: AttributionScores): string {
  const percent = (value: number) => (value * 100).toFixed(1);
  return [
    '| role | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 | gold | predicted |',
    '|---|---|---|---|---|---|---|---|---|',
    ...roles.map((role) => {
      const { counts, exact, overlap } = scores[role];
      return `| ${role} | ${percent(exact.precision)} | ${percent(exact.recall)} | ${percent(exact.f1)} | ${percent(overlap.precision)} | ${percent(overlap.recall)} | ${percent(overlap.f1)} | ${counts.gold} | ${counts.predicted} |`;
    }),
  ].join('\n');
}

/** Scores predicted spans against each document's gold .ann, pooled over the documents. */
export function scoreDocuments(
  documents: readonly { text: string; gold: BratDocument }[],
  predict: (text: string) => readonly RoleSpan[],
): AttributionScores {
  const counts = emptyCounts();
  for (const { text, gold } of documents) {
    const predicted = predict(text);
    for (const role of roles) {
      countMatches(
        counts[role],
        predicted.filter((span) => span.role === role),
        gold.spans
          .filter((span) => span.role === role)
          .map(({ fragments }) => ({ start: fragments[0]!.start, end: fragments.at(-1)!.end })),
      );
    }
  }
  return scoreCounts(counts);
}
