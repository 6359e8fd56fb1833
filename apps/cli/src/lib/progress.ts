// A progress bar on stderr for work over many items; silent when stderr is not a terminal so
// piped and CI output stays clean.
import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  increment(): void;
  stop(): void;
}

export function startProgress(total: number, label: string): Progress {
  if (!process.stderr.isTTY || total < 2) return { increment() {}, stop() {} };
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {percentage}% | ETA {eta_formatted}`,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { increment: () => bar.increment(), stop: () => bar.stop() };
}

/** A bar whose total is learnt when the work starts: created on the first report. */
export function progressOnceCounted(label: string): {
  report(done: number, total: number): void;
  stop(): void;
} {
  let bar: Progress | undefined;
  return {
    report(done, total) {
      bar ??= startProgress(total, label);
      if (done > 0) bar.increment();
    },
    stop: () => bar?.stop(),
  };
}

/** For one long wait with nothing to count (a request under way): how long it has taken so far. */
export function startTimer(label: string): { stop(): void } {
  if (!process.stderr.isTTY) return { stop() {} };
  const timer = new SingleBar({ format: `${label} {duration_formatted}`, stream: process.stderr, fps: 2 });
  timer.start(1, 0);
  return { stop: () => timer.stop() };
}

export interface ByteCounter {
  add(bytes: number): void;
  stop(): void;
}

/** For a stream of unknown length: how much has been written so far, and for how long. */
export function startByteCounter(label: string): ByteCounter {
  if (!process.stderr.isTTY) return { add() {}, stop() {} };
  const counter = new SingleBar(
    { format: `${label} {written} | {duration_formatted}`, stream: process.stderr, fps: 4 },
    Presets.shades_classic,
  );
  let total = 0;
  counter.start(1, 0, { written: formatBytes(0) });
  return {
    add(bytes) {
      total += bytes;
      counter.update(0, { written: formatBytes(total) });
    },
    stop: () => counter.stop(),
  };
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
