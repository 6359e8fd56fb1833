// The learning curve: a set of gold articles replayed as a project, leave-one-outlet-out. For
// each held-out outlet the model trains on the gold of the other outlets' articles (the first
// n sentences of a fixed shuffle, for each n) and suggests for the held-out outlet's articles;
// rules alone and rules + model are scored on the same sentences. Free of I/O: the bench and
// the test read the articles.
import type { Suggestion } from '../schemas.ts';
import type { Segment } from '../segment-types.ts';
import { suggest } from '../suggest/index.ts';
import { type CombineOptions, combineSuggestions, defaultCombineOptions } from './combine.ts';
import { trainingExamples } from './examples.ts';
import { LoadedModel, type TrainingExample, trainModel } from './model.ts';

export interface ReplayArticle {
  name: string;
  outlet: string;
  text: string;
  segments: readonly Segment[];
  goldLabels: readonly (string | null)[];
  /** Sentences careful analysts may label otherwise: trained on, but not scored. */
  ambiguous: readonly boolean[];
}

export interface CurvePoint {
  /** Gold sentences the model may learn from (fewer where the other outlets hold fewer). */
  goldSentences: number;
  rules: Score;
  combined: Score;
  /** Of the scored sentences, how many the model decided. */
  modelDecided: number;
}

export interface Score {
  correct: number;
  total: number;
  accuracy: number;
  macroF1: number;
}

/** Accuracy and macro-F1 of rules alone and rules + model, at each training-set size. */
export function learningCurve(
  articles: readonly ReplayArticle[],
  sizes: readonly number[],
  options: CombineOptions = defaultCombineOptions,
): CurvePoint[] {
  // Features do not depend on the model: computed once per article.
  const prepared = articles.map((article) => ({
    article,
    examples: trainingExamples({ ...article, outlet: article.outlet }),
    ruleSuggestions: suggest(article.text, article.segments),
  }));
  const outlets = [...new Set(articles.map((article) => article.outlet))].sort();
  return sizes.map((size) => {
    const rulePairs: [string, string | null][] = [];
    const combinedPairs: [string, string | null][] = [];
    let modelDecided = 0;
    let trainedOn = 0;
    for (const outlet of outlets) {
      const pool = shuffled(
        prepared.filter(({ article }) => article.outlet !== outlet).flatMap(({ examples }) => examples),
      );
      const training = pool.slice(0, size);
      trainedOn += training.length;
      const model = training.length > 0 ? new LoadedModel(trainModel(training)) : null;
      for (const { article, ruleSuggestions } of prepared.filter(
        (entry) => entry.article.outlet === outlet,
      )) {
        const combined = combineSuggestions(
          article.text,
          article.segments,
          ruleSuggestions,
          model && { version: 1, model },
          options,
          { outlet: article.outlet },
        );
        for (const [index, gold] of article.goldLabels.entries()) {
          if (!gold || article.ambiguous[index]) continue;
          const rule = ruleSuggestions[index] as Suggestion;
          const both = combined[index] as Suggestion;
          rulePairs.push([gold, rule.label]);
          combinedPairs.push([gold, both.label]);
          if (both.learned?.decided) modelDecided++;
        }
      }
    }
    return {
      goldSentences: Math.round(trainedOn / outlets.length),
      rules: score(rulePairs),
      combined: score(combinedPairs),
      modelDecided,
    };
  });
}

/** A fixed shuffle, so every point of the curve draws from the same order. */
function shuffled(examples: TrainingExample[]): TrainingExample[] {
  const copy = [...examples];
  let state = 42;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

export function score(pairs: readonly [gold: string, predicted: string | null][]): Score {
  const labels = [...new Set(pairs.map(([gold]) => gold))];
  const f1s = labels.map((label) => {
    const truePositives = pairs.filter(([gold, predicted]) => gold === label && predicted === label).length;
    const predicted = pairs.filter(([, prediction]) => prediction === label).length;
    const support = pairs.filter(([gold]) => gold === label).length;
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = support === 0 ? 0 : truePositives / support;
    return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  });
  const correct = pairs.filter(([gold, predicted]) => gold === predicted).length;
  return {
    correct,
    total: pairs.length,
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    macroF1: f1s.length === 0 ? 0 : f1s.reduce((sum, value) => sum + value, 0) / f1s.length,
  };
}
