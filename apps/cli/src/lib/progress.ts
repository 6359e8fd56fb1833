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
