// Renders bench results as a Markdown table and writes them, with the raw JSON, to results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchCheck, BenchRow } from './suite.ts';

export interface BenchReport {
  startedAt: string;
  isSmoke: boolean;
  machine: { cpus: number; cpuModel: string; memoryGigabytes: number; node: string; platform: string };
  rows: BenchRow[];
  checks: BenchCheck[];
}

export function describeMachine(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGigabytes: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function markdownTable(report: BenchReport): string {
  const header = '| suite | input | tool | units | seconds (median) | units/s | × floor | MB/s | notes |';
  const divider = '|---|---|---|---:|---:|---:|---:|---:|---|';
  const lines = report.rows.map((row) =>
    [
      row.suite,
      row.input,
      row.tool,
      `${integerFormat.format(row.units)} ${row.unitName}`,
      row.seconds.toFixed(3),
      integerFormat.format(row.unitsPerSecond),
      ratioToFloor(row, report.rows),
      row.megabytesPerSecond.toFixed(1),
      row.notes,
    ].join(' | '),
  );
  const checks = report.checks.map((check) => {
    const verdict = report.isSmoke ? 'not checked on smoke inputs' : check.isPassed ? 'pass' : 'FAIL';
    return `- ${verdict}: ${check.name} (${check.detail})`;
  });
  const { machine } = report;
  return [
    `Bench run ${report.startedAt}${report.isSmoke ? ' (smoke: tiny inputs, not a measurement)' : ''}`,
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGigabytes} GB, Node ${machine.node}, ${machine.platform}`,
    '',
    header,
    divider,
    ...lines.map((line) => `| ${line} |`),
    '',
    ...checks,
    '',
  ].join('\n');
}

/**
 * A row's throughput as a multiple of its floor's: the row of the same suite and input whose
 * tool is marked "(floor)", the fastest where there are several. Blank for a floor itself and
 * for rows without one.
 */
function ratioToFloor(row: BenchRow, rows: readonly BenchRow[]): string {
  if (isFloor(row)) return '1.00 (floor)';
  const floorUnitsPerSecond = Math.max(
    0,
    ...rows
      .filter(
        (candidate) => candidate.suite === row.suite && candidate.input === row.input && isFloor(candidate),
      )
      .map((floor) => floor.unitsPerSecond),
  );
  return floorUnitsPerSecond > 0 ? (row.unitsPerSecond / floorUnitsPerSecond).toFixed(2) : '';
}

function isFloor(row: BenchRow): boolean {
  return row.tool.endsWith('(floor)');
}

/** Writes `<stamp>.json` and `<stamp>.md` plus `latest.json` and `latest.md`; returns the Markdown path. */
export function writeReport(report: BenchReport, resultsDirectory: string): string {
  mkdirSync(resultsDirectory, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const markdown = markdownTable(report);
  for (const name of [stamp, 'latest']) {
    writeFileSync(path.join(resultsDirectory, `${name}.json`), json);
    writeFileSync(path.join(resultsDirectory, `${name}.md`), markdown);
  }
  return path.join(resultsDirectory, `${stamp}.md`);
}
