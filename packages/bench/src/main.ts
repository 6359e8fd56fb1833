// `pnpm bench`: runs the benchmark suites, prints a Markdown table and writes it with the raw JSON
// to packages/bench/results/. `--smoke` uses tiny inputs so CI can check the harness in seconds;
// naming suites (`pnpm bench segmentation`) runs only those.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchReport, describeMachine, markdownTable, writeReport } from './report.ts';
import type { BenchSuite } from './suite.ts';
import { claimsSuite } from './suites/claims.ts';
import { editorSuite } from './suites/editor.ts';
import { exportSuite } from './suites/export.ts';
import { importSuite } from './suites/import.ts';
import { learnSuite } from './suites/learn.ts';
import { processesSuite } from './suites/processes.ts';
import { reportsSuite } from './suites/reports.ts';
import { saveSuite } from './suites/save.ts';
import { segmentationSuite } from './suites/segmentation.ts';
import { splitMergeSuite } from './suites/split-merge.ts';
import { suggestSuite } from './suites/suggest.ts';

const suites: readonly BenchSuite[] = [
  segmentationSuite,
  suggestSuite,
  exportSuite,
  importSuite,
  reportsSuite,
  editorSuite,
  saveSuite,
  processesSuite,
  splitMergeSuite,
  claimsSuite,
  learnSuite,
];

const resultsDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');

async function main(): Promise<number> {
  const commandLine = process.argv.slice(2);
  const isSmoke = commandLine.includes('--smoke');
  const wantedSuites = commandLine.filter((argument) => !argument.startsWith('--'));
  const unknownSuites = wantedSuites.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknownSuites.length > 0) {
    console.error(
      `Unknown suite(s): ${unknownSuites.join(', ')}. Known: ${suites.map((suite) => suite.name).join(', ')}`,
    );
    return 2;
  }
  const selectedSuites = suites.filter(
    (suite) => wantedSuites.length === 0 || wantedSuites.includes(suite.name),
  );
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    isSmoke,
    machine: describeMachine(),
    rows: [],
    checks: [],
  };
  for (const suite of selectedSuites) {
    console.log(`▶ ${suite.name}: ${suite.description}`);
    const result = await suite.run({
      isSmoke,
      progress: (message) => console.log(`  ${suite.name}: ${message}`),
    });
    report.rows.push(...result.rows);
    report.checks.push(...result.checks);
  }
  const markdownPath = writeReport(report, resultsDirectory);
  console.log(`\n${markdownTable(report)}`);
  console.log(`Results written to ${markdownPath} (and .json beside it).`);
  // Timings on tiny smoke inputs are noise, so only real runs fail on a missed floor.
  const hasFailedCheck = report.checks.some((check) => !check.isPassed);
  return hasFailedCheck && !isSmoke ? 1 : 0;
}

process.exitCode = await main();
