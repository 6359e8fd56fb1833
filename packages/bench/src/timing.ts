// Timing helpers: a warm-up run, then the median of several timed runs.

export interface TimedRuns<Result> {
  medianSeconds: number;
  lastResult: Result;
}

/** Runs `work` once to warm up, then `runCount` times, reporting each run through `onRun`. */
export function timeRuns<Result>(
  work: () => Result,
  runCount: number,
  onRun: (runNumber: number, seconds: number) => void,
): TimedRuns<Result> {
  let lastResult = work();
  const durations: number[] = [];
  for (let runNumber = 1; runNumber <= runCount; runNumber++) {
    const started = performance.now();
    lastResult = work();
    const seconds = (performance.now() - started) / 1000;
    durations.push(seconds);
    onRun(runNumber, seconds);
  }
  durations.sort((a, b) => a - b);
  return { medianSeconds: durations[Math.floor(durations.length / 2)]!, lastResult };
}

/** The value below which `fraction` of the sorted values fall (nearest rank). */
export function percentile(sortedValues: readonly number[], fraction: number): number {
  if (sortedValues.length === 0) return 0;
  const rank = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil(fraction * sortedValues.length) - 1));
  return sortedValues[rank]!;
}
