// Suggestion throughput: suggest() over news articles already segmented, with the rules alone and
// with the attribution tagger (what an import's documents get, after it answers), in megabytes
// of article text per second.
import { type Segment, segment, suggest } from '@attest/core';
import type { BenchCheck, BenchRow, BenchSuite, SuiteOptions } from '../suite.ts';
import { timeRuns } from '../timing.ts';
import { buildNewsArticles } from './news-corpus.ts';

/**
 * Issue 18's bar: within 2× of suggest()'s throughput before that issue, 5.11 MB/s of rules on
 * the 2-core machine the figures in docs/benchmarks.md come from. An absolute figure, so it
 * only means something on that kind of machine; the rows say what was measured.
 */
const baselineMegabytesPerSecond = 5.11;
const minimumMegabytesPerSecond = baselineMegabytesPerSecond / 2;

const fullSize = { label: '10 MB', bytes: 10_000_000, runCount: 3 };
const smokeSize = { label: '100 KB', bytes: 100_000, runCount: 1 };

const variants = [
  { name: 'suggest(), rules only', options: {} },
  {
    name: 'suggest(), with attributions (as for an import, after it answers)',
    options: { attributions: true },
  },
] as const;

function segmentedArticles(bytes: number): {
  articles: { text: string; segments: Segment[] }[];
  bytes: number;
} {
  const articles: { text: string; segments: Segment[] }[] = [];
  let total = 0;
  for (let batch = 100; total < bytes; batch *= 2) {
    for (const text of buildNewsArticles(batch).slice(articles.length)) {
      if (total >= bytes) break;
      articles.push({ text, segments: segment(text) });
      total += Buffer.byteLength(text, 'utf8');
    }
  }
  return { articles, bytes: total };
}

function runSuggest({ isSmoke, progress }: SuiteOptions) {
  const size = isSmoke ? smokeSize : fullSize;
  progress(`building and segmenting ${size.label} of news articles (not timed)`);
  const corpus = segmentedArticles(size.bytes);
  const input = `${size.label} of news text (${corpus.articles.length} articles, segmented beforehand)`;
  const rows: BenchRow[] = [];
  const checks: BenchCheck[] = [];
  for (const variant of variants) {
    progress(`${variant.name} on ${size.label}: warm-up, then ${size.runCount} timed run(s)`);
    const timed = timeRuns(
      () => {
        let suggestions = 0;
        for (const article of corpus.articles)
          suggestions += suggest(article.text, article.segments, variant.options).length;
        return suggestions;
      },
      size.runCount,
      (runNumber, seconds) => progress(`  run ${runNumber}/${size.runCount}: ${seconds.toFixed(3)} s`),
    );
    const megabytesPerSecond = corpus.bytes / 1e6 / timed.medianSeconds;
    rows.push({
      suite: 'suggest',
      input,
      tool: variant.name,
      inputBytes: corpus.bytes,
      units: timed.lastResult,
      unitName: 'sentences',
      seconds: timed.medianSeconds,
      unitsPerSecond: timed.lastResult / timed.medianSeconds,
      megabytesPerSecond,
      notes: `median of ${size.runCount}`,
    });
    checks.push({
      name: `${variant.name} within 2× of the ${baselineMegabytesPerSecond} MB/s before issue 18`,
      isPassed: isSmoke || megabytesPerSecond >= minimumMegabytesPerSecond,
      detail: `${megabytesPerSecond.toFixed(2)} MB/s (bar ${minimumMegabytesPerSecond.toFixed(2)} MB/s)${isSmoke ? '; not judged on smoke sizes' : ''}`,
    });
  }
  return { rows, checks };
}

export const suggestSuite: BenchSuite = {
  name: 'suggest',
  description:
    'suggest() megabytes per second on segmented news, rules alone and with the attribution tagger',
  run: runSuggest,
};
