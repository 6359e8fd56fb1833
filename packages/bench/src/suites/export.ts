// Dataset export throughput on real PostgreSQL: Attest's streamed export over HTTP beside
// `COPY (the export's own query) TO STDOUT` of the same rows, with time to the first byte and
// the growth of the server's memory (the server runs in a child process; its resident set is
// read from /proc). Needs DATABASE_URL; without it the suite reports that it did not run.
import { readFile, writeFile } from 'node:fs/promises';
import { copyExportLinesStatement, type Database, listProjectAnnotatorIds } from '@attest/db';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { startBenchProject } from '../harness/bench-project.ts';
import type { Client, LiveServer } from '../harness/live-server.ts';
import type { BenchCheck, BenchRow, BenchSuite, SuiteOptions } from '../suite.ts';

const sentenceText = 'Officials reported the figure on Tuesday.';
const sentencesPerDocument = 30;
const newline = 10;

const exportFormats = ['jsonl', 'csv', 'parquet'] as const;
type ExportFormat = (typeof exportFormats)[number];

interface Transfer {
  bytes: number;
  lines: number;
  seconds: number;
  firstByteSeconds: number;
  /** Growth of the server's resident set over its warmed-up baseline, at its highest. */
  peakRssGrowth: number;
  firstLine: string;
}

async function runExport({ isSmoke, progress }: SuiteOptions) {
  const rows: BenchRow[] = [];
  const checks: BenchCheck[] = [];
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    progress('DATABASE_URL is not set: the export benchmark needs PostgreSQL and did not run');
    return { rows, checks };
  }
  // ATTEST_BENCH_EXPORT_SIZES="20000,200000" runs smaller sizes while iterating.
  const sizes =
    process.env['ATTEST_BENCH_EXPORT_SIZES']?.split(',').map(Number) ??
    (isSmoke ? [2_000] : [100_000, 1_000_000]);
  const downloadsBySize = new Map<number, Map<ExportFormat, Transfer>>();
  for (const sentenceCount of sizes) {
    const label = `${sentenceCount.toLocaleString('en')} sentences`;
    const { server, owner } = await startBenchProject('bench_export', ['bench'], { inChildProcess: true });
    try {
      progress(`generating ${label} with a label each`);
      await generateCorpus(server.database.db, sentenceCount);

      // The smoke run only checks that the harness works.
      const warmUpTotal = isSmoke ? sentenceCount : warmUpLines;
      progress(`warming the server up with ${warmUpTotal.toLocaleString('en')} lines`);
      await warmUp(owner, server.serverPid, warmUpTotal);
      const downloads = new Map<ExportFormat, Transfer>();
      downloadsBySize.set(sentenceCount, downloads);
      // The three downloads follow the warm-up and each other with no pause: a server left idle
      // shrinks its young generation again (V8 took it from 32 to 4 MB during the floor's 45 s),
      // and the next download would measure its regrowth. The floor runs after them.
      for (const format of exportFormats) {
        progress(`exporting ${label} as ${format} over HTTP`);
        const exported = await transferOverHttp(owner, server.serverPid, format);
        downloads.set(format, exported);
        rows.push(
          row(label, `attest export (${format}, HTTP)`, exported, sentenceCount, [
            `first byte ${ms(exported.firstByteSeconds)}`,
            `peak RSS +${mb(exported.peakRssGrowth)}`,
          ]),
        );
      }
      const jsonl = downloads.get('jsonl')!;
      checks.push({
        name: `every sentence exported once on ${label}`,
        isPassed: jsonl.lines === sentenceCount,
        detail: `${jsonl.lines} lines`,
      });
      checks.push({
        name: `first byte within a second on ${label}`,
        isPassed: jsonl.firstByteSeconds < 1,
        detail: ms(jsonl.firstByteSeconds),
      });

      progress(`the export's own query through COPY … TO STDOUT (${label})`);
      const copied = await copyExportQuery(server, jsonl.firstLine);
      rows.push(
        row(label, 'COPY (export query) TO STDOUT (floor)', copied, sentenceCount, [
          `first byte ${ms(copied.firstByteSeconds)}`,
          'same SQL and rows, no paging',
        ]),
      );
      const ratio = copied.seconds / jsonl.seconds;
      checks.push({
        name: `JSONL export at least half of COPY's throughput on ${label}`,
        isPassed: isSmoke || ratio >= 0.5,
        detail: `${(ratio * 100).toFixed(0)}% of COPY's rows per second`,
      });
    } finally {
      await server.stop();
    }
  }
  if (sizes.length === 2) {
    const [small, large] = sizes.map((size) => downloadsBySize.get(size)!);
    for (const format of exportFormats) {
      const smallGrowth = small!.get(format)!.peakRssGrowth;
      const largeGrowth = large!.get(format)!.peakRssGrowth;
      checks.push({
        name: `${format}: memory of ${sizes[1]!.toLocaleString('en')} rows within 1.2× of ${sizes[0]!.toLocaleString('en')} rows`,
        // A few megabytes of noise is not growth: the bound applies above 16 MB.
        isPassed: largeGrowth <= Math.max(smallGrowth * 1.2, 16 * 1024 * 1024),
        detail: `+${mb(smallGrowth)} → +${mb(largeGrowth)}`,
      });
    }
  }
  return { rows, checks };
}

/** Lines the server streams before any measured download (see `warmUp`). */
const warmUpLines = 1_000_000;

/**
 * Streams JSON lines until the server has sent `total` of them, `warmUpLines` in a real run (repeating the export when the
 * corpus is smaller), so every measured download starts from the same steady state. Besides
 * compiling code paths and filling pools, this lets V8 grow its young generation, which it keeps
 * small in a quiet process and enlarges under sustained allocation, doubling from 1 to 32 MB of
 * new space, about +30 MB of resident set, flat afterwards. Measured from a quiet start, an
 * export of 100,000 sentences (4 s) would end before that growth and one of 1,000,000 would
 * include it, so the comparison would be of V8's warm-up, not of the export. How long the growth
 * takes depends on how much the server allocates: since an export stopped keeping one promise
 * per chunk, 500,000 lines after the 1M corpus's generation (85 s in which the server sat idle
 * and V8 shrank its new space to 1 MB) took it to 16 MB only, and the measured download grew it
 * to 32 MB, +16 MB that the 100,000-sentence run (its corpus made in 5 s, new space still at
 * 32 MB) did not have. The warm-up is the same for both sizes and as long as the larger one,
 * so memory that grew with the rows exported would still show in the larger download.
 */
async function warmUp(owner: Client, serverPid: number, total: number): Promise<void> {
  for (let streamed = 0; streamed < total; ) {
    const { lines } = await transferOverHttp(owner, serverPid, 'jsonl', total - streamed);
    if (lines === 0) throw new Error('The warm-up export sent no lines.');
    streamed += lines;
  }
}

/**
 * Downloads an export, reading the server process's peak resident set (VmHWM, reset just
 * before) against its resident set at the start; `stopAfterLines` reads only the start and then
 * disconnects.
 */
async function transferOverHttp(
  owner: Client,
  serverPid: number,
  format: ExportFormat,
  stopAfterLines = Number.POSITIVE_INFINITY,
): Promise<Transfer> {
  const baselineRss = (await residentSet(serverPid)).current;
  await resetPeakResidentSet(serverPid);
  const started = performance.now();
  const response = await owner.request('GET', `/api/projects/bench/export?format=${format}&scope=gold`);
  if (!response.ok || !response.body)
    throw new Error(`Export failed: ${response.status} ${await response.text()}`);
  const transfer = emptyTransfer();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (transfer.bytes === 0) {
        transfer.firstByteSeconds = (performance.now() - started) / 1000;
        const end = value.indexOf(newline);
        transfer.firstLine = Buffer.from(value.subarray(0, end < 0 ? undefined : end)).toString('utf8');
      }
      transfer.bytes += value.byteLength;
      transfer.lines += countNewlines(value);
      if (transfer.lines >= stopAfterLines) break;
    }
  } finally {
    await reader.cancel();
  }
  transfer.seconds = (performance.now() - started) / 1000;
  // CSV has a header line; Parquet is binary and is counted by the sentences it holds.
  if (format === 'csv') transfer.lines -= 1;
  transfer.peakRssGrowth = Math.max(0, (await residentSet(serverPid)).peak - baselineRss);
  return transfer;
}

/** A process's resident set now and at its highest since the last reset, in bytes (Linux /proc). */
async function residentSet(pid: number): Promise<{ current: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { current: kilobytes('VmRSS') * 1024, peak: kilobytes('VmHWM') * 1024 };
}

/** Sets VmHWM back to the current resident set (proc(5), clear_refs). */
function resetPeakResidentSet(pid: number): Promise<void> {
  return writeFile(`/proc/${pid}/clear_refs`, '5');
}

function emptyTransfer(): Transfer {
  return { bytes: 0, lines: 0, seconds: 0, firstByteSeconds: 0, peakRssGrowth: 0, firstLine: '' };
}

function countNewlines(chunk: Uint8Array): number {
  let count = 0;
  for (let at = chunk.indexOf(newline); at >= 0; at = chunk.indexOf(newline, at + 1)) count++;
  return count;
}

/**
 * `COPY` of the query the JSONL export pages through, with the parameters the export used
 * (the schema version is read from its first line) but without the keyset bounds or LIMIT: the
 * statement the export sends for each page (JIT off included), run once over every row.
 */
async function copyExportQuery(server: LiveServer, firstExportLine: string): Promise<Transfer> {
  const db = server.database.db;
  const [project] = (await db.execute(
    sql`select id, guidelines_version as "guidelinesVersion" from projects where slug = 'bench'`,
  )) as unknown as { id: string; guidelinesVersion: number }[];
  const statement = copyExportLinesStatement({
    projectId: project!.id,
    projectSlug: 'bench',
    guidelinesVersion: project!.guidelinesVersion,
    schemaVersion: (JSON.parse(firstExportLine) as { schema_version: number }).schema_version,
    scope: 'gold',
    filters: {},
    pseudonymOrder: await listProjectAnnotatorIds(db, { projectId: project!.id }),
  });
  const client = postgres(server.databaseUrl!, { max: 1, onnotice: () => {} });
  try {
    const started = performance.now();
    const stream = await client.unsafe(statement).readable();
    const transfer = emptyTransfer();
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (transfer.bytes === 0) transfer.firstByteSeconds = (performance.now() - started) / 1000;
      transfer.bytes += chunk.byteLength;
      transfer.lines += countNewlines(chunk);
    }
    transfer.seconds = (performance.now() - started) / 1000;
    return transfer;
  } finally {
    await client.end();
  }
}

/** Documents of 30 sentences with one label each, written by PostgreSQL itself. */
async function generateCorpus(db: Database, sentenceCount: number) {
  const documentCount = Math.ceil(sentenceCount / sentencesPerDocument);
  const body = Array.from({ length: sentencesPerDocument }, () => sentenceText).join(' ');
  await db.execute(sql`
    insert into documents (project_id, title, outlet, body, body_sha256, published_at)
    select p.id, 'Bench article ' || n, 'Bench Wire', ${body} || ' ' || n, md5(n::text), now() - (n || ' minutes')::interval
    from projects p, generate_series(1, ${documentCount}) n where p.slug = 'bench'`);
  await db.execute(sql`
    insert into sentences (document_id, position, start, "end", kind, text, suggestion)
    select d.id, k, k * ${sentenceText.length + 1}, k * ${sentenceText.length + 1} + ${sentenceText.length}, 'sentence', ${sentenceText},
      jsonb_build_object('label', 'reported_fact', 'confidence', 0.6, 'source', null, 'chain', '[]'::jsonb, 'cues', '[]'::jsonb, 'rule', 'unattributed-statement')
    from documents d join projects p on p.id = d.project_id, generate_series(0, ${sentencesPerDocument - 1}) k
    where p.slug = 'bench'`);
  await db.execute(sql`delete from sentences where id in (
    select s.id from sentences s join documents d on d.id = s.document_id join projects p on p.id = d.project_id
    where p.slug = 'bench' order by d.created_at desc, s.position desc
    limit greatest(0, ${Math.ceil(sentenceCount / sentencesPerDocument) * sentencesPerDocument - sentenceCount}))`);
  await db.execute(sql`
    insert into annotations (sentence_id, annotator_id, label_id, source)
    select s.id, m.user_id, l.id, 'ministry'
    from sentences s join documents d on d.id = s.document_id join projects p on p.id = d.project_id
      join project_members m on m.project_id = p.id join labels l on l.project_id = p.id and l.key = 'reported_fact'
    where p.slug = 'bench'`);
  await db.execute(sql`analyze`);
}

function row(input: string, tool: string, transfer: Transfer, sentences: number, notes: string[]): BenchRow {
  return {
    suite: 'export',
    input,
    tool,
    inputBytes: transfer.bytes,
    units: sentences,
    unitName: 'sentences',
    seconds: transfer.seconds,
    unitsPerSecond: sentences / transfer.seconds,
    megabytesPerSecond: transfer.bytes / 1e6 / transfer.seconds,
    notes: notes.join('; '),
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function ms(seconds: number): string {
  return `${(seconds * 1000).toFixed(0)} ms`;
}

export const exportSuite: BenchSuite = {
  name: 'export',
  description:
    'streamed JSONL, CSV and Parquet export over HTTP against COPY of the same query on PostgreSQL, with first byte and memory',
  run: runExport,
};
