// What a benchmark suite is: something that measures and returns rows for the shared report.

/** One measurement: a tool on one input, with its throughput. */
export interface BenchRow {
  suite: string;
  /** What was measured, e.g. "1 MB of news text". */
  input: string;
  tool: string;
  inputBytes: number;
  /** How many units of work the input holds (sentences, rows, documents). */
  units: number;
  unitName: string;
  /** The median of the timed runs. */
  seconds: number;
  unitsPerSecond: number;
  megabytesPerSecond: number;
  /** Anything else worth recording, e.g. how many segments the tool returned. */
  notes: string;
}

/** A row for work counted in units rather than bytes (sentences, saves, queries). */
export function unitRow(fields: {
  suite: string;
  input: string;
  tool: string;
  units: number;
  unitName: string;
  seconds: number;
  notes: string;
}): BenchRow {
  return { ...fields, inputBytes: 0, unitsPerSecond: fields.units / fields.seconds, megabytesPerSecond: 0 };
}

/** A floor a suite promises to stay above, such as "Attest at least as fast as sbd". */
export interface BenchCheck {
  name: string;
  isPassed: boolean;
  detail: string;
}

export interface SuiteOptions {
  /** Tiny inputs and a single run, so CI can check the harness in seconds. */
  isSmoke: boolean;
  /** Prints one line of progress; steps longer than a second announce themselves. */
  progress: (message: string) => void;
}

export interface SuiteResult {
  rows: BenchRow[];
  checks: BenchCheck[];
}

export interface BenchSuite {
  name: string;
  description: string;
  run(options: SuiteOptions): Promise<SuiteResult> | SuiteResult;
}
