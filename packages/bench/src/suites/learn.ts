// Suggestions that learn (issue 21): the learning curve of rules alone vs rules + the project's
// model on real articles, leave-one-outlet-out (../shared/data, read at run time), and how long
// training on 10,000 gold sentences takes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CurvePoint,
  goldSentenceSchema,
  learningCurve,
  type ReplayArticle,
  type TrainingExample,
  trainingExamples,
  trainModel,
} from '@attest/core';
import {
  hasReplaySet,
  readReplayArticles,
  replaySetDirectory,
} from '../../../core/test/fixtures/learn/replay-articles.ts';
import { type BenchCheck, type BenchRow, type BenchSuite, type SuiteOptions, unitRow } from '../suite.ts';
import { timeRuns } from '../timing.ts';

/** The invented articles of the suggestion tests, with their hand-made gold: no shared data needed. */
const inventedDirectories = ['dev', 'held-out'].map((name) =>
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../core/test/fixtures/suggest', name),
);

const curveSizes = [0, 25, 50, 100, 150, 200, 250, 300, Number.MAX_SAFE_INTEGER];
const trainingSentenceCount = 10_000;

function runLearn({ isSmoke, progress }: SuiteOptions) {
  const rows: BenchRow[] = [];
  const checks: BenchCheck[] = [];

  progress(
    `features of ${trainingSentenceCount.toLocaleString('en')} gold sentences (invented articles, repeated)`,
  );
  const startedFeatures = performance.now();
  const examples = inventedExamples(isSmoke ? 1_000 : trainingSentenceCount);
  const featureSeconds = (performance.now() - startedFeatures) / 1000;
  rows.push(trainingRow('features (rules, attribution tagger, words)', examples.length, featureSeconds, ''));
  const timed = timeRuns(
    () => trainModel(examples),
    isSmoke ? 1 : 3,
    (run, seconds) => progress(`  training run ${run}: ${seconds.toFixed(2)} s`),
  );
  rows.push(
    trainingRow(
      'trainModel (logistic regression, 20 epochs)',
      examples.length,
      timed.medianSeconds,
      `${timed.lastResult.features.length.toLocaleString('en')} features kept`,
    ),
  );
  checks.push({
    name: `training on ${examples.length.toLocaleString('en')} gold sentences takes seconds`,
    isPassed: featureSeconds + timed.medianSeconds < 30,
    detail: `${featureSeconds.toFixed(1)} s features + ${timed.medianSeconds.toFixed(1)} s training`,
  });

  if (!hasReplaySet('real-dev') || !hasReplaySet('claim-links')) {
    progress(
      `${replaySetDirectory('real-dev')} or ${replaySetDirectory('claim-links')} is missing: no learning curve`,
    );
    return { rows, checks };
  }
  const realDev = readReplayArticles('real-dev');
  const claimLinks = readReplayArticles('claim-links');
  const sets: [string, ReplayArticle[]][] = isSmoke
    ? [['real-dev', realDev]]
    : [
        ['real-dev', realDev],
        ['claim-links', claimLinks],
        ['real-dev + claim-links', [...realDev, ...claimLinks]],
      ];
  for (const [setName, articles] of sets) {
    progress(`learning curve on ${setName}: ${articles.length} articles, leave-one-outlet-out`);
    const started = performance.now();
    // Sizes past what the other outlets hold give the same point again: shown once.
    const curve = learningCurve(articles, isSmoke ? [0, 200] : curveSizes).filter(
      (point, index, points) => points[index - 1]?.goldSentences !== point.goldSentences,
    );
    const seconds = (performance.now() - started) / 1000;
    for (const point of curve) rows.push(curveRow(setName, point, seconds / curve.length));
    progress(formatCurve(setName, curve));
    const worst = Math.min(...curve.map((point) => point.combined.accuracy - point.rules.accuracy));
    checks.push({
      name: `${setName}: rules + model never more than 1 point below rules alone`,
      isPassed: worst >= -0.01,
      detail: `worst difference ${(worst * 100).toFixed(1)} points`,
    });
    const all = curve.at(-1)!;
    if (all.goldSentences >= 300)
      checks.push({
        name: `${setName}: rules + model beat rules alone with ${all.goldSentences} gold sentences`,
        isPassed: all.combined.accuracy > all.rules.accuracy,
        detail: `${percent(all.combined.accuracy)} vs ${percent(all.rules.accuracy)}`,
      });
  }
  return { rows, checks };
}

/** Gold sentences of the invented articles, each copy's numbers shifted, until `count`. */
function inventedExamples(count: number): TrainingExample[] {
  const articles = inventedDirectories.flatMap((directory) =>
    readdirSync(directory)
      .filter((file) => file.endsWith('.gold.json'))
      .map((file) => ({
        text: readFileSync(path.join(directory, file.replace(/\.gold\.json$/, '.txt')), 'utf8'),
        gold: goldSentenceSchema.array().parse(JSON.parse(readFileSync(path.join(directory, file), 'utf8'))),
      })),
  );
  const examples: TrainingExample[] = [];
  for (let copy = 0; examples.length < count; copy++) {
    const { text, gold } = articles[copy % articles.length]!;
    const shift = String(copy);
    // Same length, other digits: offsets stay valid, numbers (and so some words) differ per copy.
    const varied = text.replace(/\d/g, (digit, offset: number) =>
      String((Number(digit) + Number(shift[offset % shift.length])) % 10),
    );
    examples.push(
      ...trainingExamples({
        text: varied,
        segments: gold.map(({ start, end, kind }) => ({ start, end, kind, text: varied.slice(start, end) })),
        goldLabels: gold.map((sentence) => (sentence.ambiguous ? null : sentence.label)),
      }),
    );
  }
  return examples.slice(0, count);
}

function trainingRow(tool: string, units: number, seconds: number, notes: string): BenchRow {
  const input = `${units.toLocaleString('en')} gold sentences`;
  return unitRow({ suite: 'learn', input, tool, units, unitName: 'sentences', seconds, notes });
}

function curveRow(setName: string, point: CurvePoint, seconds: number): BenchRow {
  return unitRow({
    suite: 'learn',
    input: `${setName}, ${point.goldSentences} gold sentences`,
    tool: 'rules vs rules + model',
    units: point.rules.total,
    unitName: 'held-out sentences',
    seconds,
    notes: `accuracy ${percent(point.rules.accuracy)} → ${percent(point.combined.accuracy)}, macro-F1 ${point.rules.macroF1.toFixed(3)} → ${point.combined.macroF1.toFixed(3)}, ${point.modelDecided} decided by the model`,
  });
}

function formatCurve(setName: string, curve: readonly CurvePoint[]): string {
  return [
    `${setName} (held-out sentences: ${curve[0]?.rules.total})`,
    '| gold sentences | rules accuracy | rules + model accuracy | rules macro-F1 | rules + model macro-F1 | decided by the model |',
    '|---|---|---|---|---|---|',
    ...curve.map(
      (point) =>
        `| ${point.goldSentences} | ${percent(point.rules.accuracy)} | ${percent(point.combined.accuracy)} | ${point.rules.macroF1.toFixed(3)} | ${point.combined.macroF1.toFixed(3)} | ${point.modelDecided} |`,
    ),
  ].join('\n');
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

export const learnSuite: BenchSuite = {
  name: 'learn',
  description: 'learning curve of rules vs rules + model (leave-one-outlet-out) and training time',
  run: runLearn,
};
