// Scores suggestions against gold labels: accuracy and per-label precision, recall and support.
// Shared by the accuracy tests and, later, the provenance reports.
import { z } from 'zod';
import type { Suggestion } from '../schemas.ts';
import { segmentKindSchema } from '../schemas.ts';

/** One gold sentence, as in `armistice-anniversary.gold.json`. */
export const goldSentenceSchema = z.object({
  start: z.int().nonnegative(),
  end: z.int().nonnegative(),
  text: z.string(),
  kind: segmentKindSchema,
  label: z.string().nullable(),
  ambiguous: z.boolean(),
});
export type GoldSentence = z.infer<typeof goldSentenceSchema>;

export interface LabelScore {
  precision: number;
  recall: number;
  /** Gold sentences with this label. */
  support: number;
  /** Suggestions with this label. */
  predicted: number;
  truePositives: number;
}

export interface EvaluationReport {
  accuracy: number;
  correct: number;
  /** Scored sentences: labelled (not boilerplate) and not marked ambiguous. */
  total: number;
  perLabel: Record<string, LabelScore>;
  /** The scored sentences the suggestions got wrong, for reading. */
  misses: { text: string; gold: string; suggested: string | null; rule: string }[];
}

/** Compares suggestions with gold labels position by position, skipping ambiguous and boilerplate ones. */
export function evaluateSuggestions(
  gold: readonly GoldSentence[],
  suggestions: readonly Suggestion[],
): EvaluationReport {
  if (gold.length !== suggestions.length) {
    throw new Error(
      `Expected one suggestion per gold sentence: ${gold.length} gold, ${suggestions.length} suggestions.`,
    );
  }
  const counts = new Map<string, { support: number; predicted: number; truePositives: number }>();
  const countsOf = (label: string) => {
    const existing = counts.get(label);
    if (existing) return existing;
    const created = { support: 0, predicted: 0, truePositives: 0 };
    counts.set(label, created);
    return created;
  };
  const misses: EvaluationReport['misses'] = [];
  let correct = 0;
  let total = 0;
  for (const [index, sentence] of gold.entries()) {
    const suggestion = suggestions[index];
    if (!suggestion || sentence.label === null || sentence.ambiguous) continue;
    total++;
    countsOf(sentence.label).support++;
    if (suggestion.label !== null) countsOf(suggestion.label).predicted++;
    if (suggestion.label === sentence.label) {
      correct++;
      countsOf(sentence.label).truePositives++;
    } else {
      misses.push({
        text: sentence.text,
        gold: sentence.label,
        suggested: suggestion.label,
        rule: suggestion.rule,
      });
    }
  }
  const perLabel: Record<string, LabelScore> = {};
  for (const [label, count] of [...counts].sort(([first], [second]) => first.localeCompare(second))) {
    perLabel[label] = {
      ...count,
      precision: count.predicted === 0 ? 0 : count.truePositives / count.predicted,
      recall: count.support === 0 ? 0 : count.truePositives / count.support,
    };
  }
  return { accuracy: total === 0 ? 0 : correct / total, correct, total, perLabel, misses };
}

/** A Markdown table of the report, for test output and docs/suggestions.md. */
export function formatEvaluationTable(title: string, report: EvaluationReport): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const rows = Object.entries(report.perLabel).map(
    ([label, score]) =>
      `| ${label} | ${percent(score.precision)} | ${percent(score.recall)} | ${score.support} | ${score.predicted} |`,
  );
  return [
    `${title}: accuracy ${percent(report.accuracy)} (${report.correct}/${report.total})`,
    '',
    '| label | precision | recall | support | suggested |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
