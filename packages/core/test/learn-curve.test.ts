// The learning curve on real published news (../shared/data, read at run time, never copied):
// leave-one-outlet-out, rules + model must be at least as accurate as rules alone on the
// held-out outlets, at every amount of gold, and better once it has learned from all of it.
import { describe, expect, it } from 'vitest';
import { learningCurve } from '../src/learn/index.ts';
import { hasReplaySet, readReplayArticles, replaySetDirectory } from './fixtures/learn/replay-articles.ts';

const isPresent = hasReplaySet('real-dev') && hasReplaySet('claim-links');
if (!isPresent)
  console.warn(
    `Skipping the learning-curve test: ${replaySetDirectory('real-dev')} or ${replaySetDirectory('claim-links')} is missing.`,
  );

describe.skipIf(!isPresent)('learning curve, leave-one-outlet-out', () => {
  it('combined suggestions on held-out outlets are at least as accurate as rules alone', () => {
    const articles = [...readReplayArticles('real-dev'), ...readReplayArticles('claim-links')];
    const curve = learningCurve(articles, [0, 100, 200, Number.MAX_SAFE_INTEGER]);
    console.log(
      curve
        .map(
          (point) =>
            `${point.goldSentences} gold: rules ${(point.rules.accuracy * 100).toFixed(1)}% / rules + model ${(point.combined.accuracy * 100).toFixed(1)}% (${point.modelDecided} decided by the model)`,
        )
        .join('\n'),
    );
    for (const point of curve) expect(point.combined.correct).toBeGreaterThanOrEqual(point.rules.correct);
    const all = curve.at(-1)!;
    expect(all.goldSentences).toBeGreaterThanOrEqual(300);
    expect(all.combined.accuracy).toBeGreaterThan(all.rules.accuracy);
  }, 120_000);
});
