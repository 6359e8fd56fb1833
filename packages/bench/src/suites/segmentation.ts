// Sentence segmentation throughput: Attest's segment() beside the npm `sbd` package on the same text.
import { segment } from '@attest/core';
import sbd from 'sbd';
import type { BenchCheck, BenchRow, BenchSuite, SuiteOptions } from '../suite.ts';
import { timeRuns } from '../timing.ts';
import { buildNewsCorpus } from './news-corpus.ts';

interface CorpusSize {
  label: string;
  length: number;
  runCount: number;
}

const fullSizes: readonly CorpusSize[] = [
  { label: '1 MB', length: 1_000_000, runCount: 7 },
  { label: '10 MB', length: 10_000_000, runCount: 3 },
];

const smokeSizes: readonly CorpusSize[] = [
  { label: '20 KB', length: 20_000, runCount: 1 },
  { label: '100 KB', length: 100_000, runCount: 1 },
];

const tools: ReadonlyArray<{ name: string; countSegments: (text: string) => number }> = [
  { name: 'attest segment()', countSegments: (text) => segment(text).length },
  { name: 'sbd 1.0.19 (floor)', countSegments: (text) => sbd.sentences(text).length },
];

function runSegmentation({ isSmoke, progress }: SuiteOptions) {
  const rows: BenchRow[] = [];
  const checks: BenchCheck[] = [];
  const attestSpeedBySize: [string, number][] = [];
  for (const size of isSmoke ? smokeSizes : fullSizes) {
    progress(`building ${size.label} of news text`);
    const corpus = buildNewsCorpus(size.length);
    const inputBytes = Buffer.byteLength(corpus.text, 'utf8');
    const sentencesPerSecondByTool = new Map<string, number>();
    for (const tool of tools) {
      progress(`${tool.name} on ${size.label}: warm-up, then ${size.runCount} timed run(s)`);
      const timed = timeRuns(
        () => tool.countSegments(corpus.text),
        size.runCount,
        (runNumber, seconds) => progress(`  run ${runNumber}/${size.runCount}: ${seconds.toFixed(3)} s`),
      );
      // Both tools are credited with the gold sentence count, so over-splitting earns no speed.
      const sentencesPerSecond = corpus.goldSegmentCount / timed.medianSeconds;
      sentencesPerSecondByTool.set(tool.name, sentencesPerSecond);
      rows.push({
        suite: 'segmentation',
        input: `${size.label} of news text (${corpus.articleCount} articles)`,
        tool: tool.name,
        inputBytes,
        units: corpus.goldSegmentCount,
        unitName: 'sentences',
        seconds: timed.medianSeconds,
        unitsPerSecond: sentencesPerSecond,
        megabytesPerSecond: inputBytes / 1e6 / timed.medianSeconds,
        notes: `returned ${timed.lastResult} segments`,
      });
    }
    const attestSpeed = sentencesPerSecondByTool.get(tools[0]!.name)!;
    const sbdSpeed = sentencesPerSecondByTool.get(tools[1]!.name)!;
    checks.push({
      name: `attest at least as fast as sbd on ${size.label}`,
      isPassed: attestSpeed >= sbdSpeed,
      detail: `${(attestSpeed / sbdSpeed).toFixed(2)}× sbd`,
    });
    attestSpeedBySize.push([size.label, attestSpeed]);
  }
  // Linear time keeps sentences per second flat as the text grows: allow noise, not a trend.
  const [smallest, largest] = [attestSpeedBySize[0], attestSpeedBySize.at(-1)];
  if (smallest && largest && smallest !== largest) {
    checks.push({
      name: `attest scales linearly from ${smallest[0]} to ${largest[0]}`,
      isPassed: largest[1] >= smallest[1] / 2,
      detail: `${(largest[1] / smallest[1]).toFixed(2)}× the sentences per second of ${smallest[0]}`,
    });
  }
  return { rows, checks };
}

export const segmentationSuite: BenchSuite = {
  name: 'segmentation',
  description: 'sentences per second on news text, Attest vs the npm sbd package',
  run: runSegmentation,
};
