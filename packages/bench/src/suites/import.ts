// Bulk import on real PostgreSQL: 10,000 articles sent as JSON lines to
// POST /api/projects/{slug}/imports, as a client would, beside the floor the issue sets —
// segment() of the same articles plus `COPY … FROM STDIN` of the same document and sentence
// rows. Then both again into a database already holding 5 million sentences.
// Needs DATABASE_URL; without it the suite reports that it did not run.
import { createHash, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { segment, suggest } from '@attest/core';
import { copyLines, copyTextLine, type Database } from '@attest/db';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import {
  addAnalysts,
  generateWithoutForeignKeyChecks,
  startBenchProject,
  untilLinked,
  untilSuggestionsAdded,
} from '../harness/bench-project.ts';
import type { Client } from '../harness/live-server.ts';
import type { BenchCheck, BenchRow, BenchSuite, SuiteOptions } from '../suite.ts';
import { buildNewsArticles } from './news-corpus.ts';

/**
 * How long to wait for the suggestions at most: they take a few times the import's time, so a run
 * that reaches this has a fault to report, not a slow machine.
 */
const suggestionsTimeoutMilliseconds = 600_000;
/** Articles per request: about 1 MB of JSON lines, well under the API's 4 MB body limit. */
const articlesPerRequest = 500;
/** Requests in flight at once, like a small import script with a couple of workers. */
const parallelRequests = 2;
const outlets = ['Harbor Daily', 'Peninsula Wire', 'Eastern Courier', 'Capital Ledger'];
const archiveSentencesPerDocument = 30;

interface Sizes {
  articleCount: number;
  preloadedSentences: number;
}

interface ImportTimes {
  attestSeconds: number;
  /** From the first request until every imported document has its suggestions (rules and spans). */
  suggestionsSeconds: number;
  /** Documents still without their suggestions when the bench stopped waiting (0: all added). */
  suggestionsStillWaiting: number;
  /** Sentences (not boilerplate) of this phase's documents stored without a suggestion after that. */
  sentencesWithoutSuggestion: number;
  /** From the first request until the background linker has linked every imported document. */
  linkedSeconds: number;
  /** Documents still waiting when the bench stopped waiting (0: all linked). */
  stillWaiting: number;
  floorSeconds: number;
  /** The longest the server's event loop (this process's) was held up while the import ran. */
  longestStallMs: number;
  sentenceCount: number;
  floorSentenceCount: number;
  imported: number;
}

/**
 * The issue's sizes, or smaller ones while iterating: ATTEST_BENCH_IMPORT_ARTICLES and
 * ATTEST_BENCH_IMPORT_PRELOAD (sentences) override them, since the full preload alone takes minutes.
 */
function sizesFor(isSmoke: boolean): Sizes {
  const sizes = isSmoke
    ? { articleCount: 60, preloadedSentences: 30_000 }
    : { articleCount: 10_000, preloadedSentences: 5_000_000 };
  return {
    articleCount: Number(process.env['ATTEST_BENCH_IMPORT_ARTICLES'] ?? sizes.articleCount),
    preloadedSentences: Number(process.env['ATTEST_BENCH_IMPORT_PRELOAD'] ?? sizes.preloadedSentences),
  };
}

async function runImport({ isSmoke, progress }: SuiteOptions) {
  const rows: BenchRow[] = [];
  const checks: BenchCheck[] = [];
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    progress('DATABASE_URL is not set: the import benchmark needs PostgreSQL and did not run');
    return { rows, checks };
  }
  const sizes = sizesFor(isSmoke);
  const articles = buildNewsArticles(sizes.articleCount * 2);
  const firstArticles = articles.slice(0, sizes.articleCount);
  const secondArticles = articles.slice(sizes.articleCount);
  const inputBytes = Buffer.byteLength(firstArticles.join(''), 'utf8');
  const articlesLabel = `${sizes.articleCount.toLocaleString('en')} articles`;

  progress(`suggest() alone on ${articlesLabel}, for reference`);
  const segmented = firstArticles.map((body) => segment(body));
  const suggestStarted = performance.now();
  // What the filler computes after the import answers: the rules and the attribution spans.
  for (const [index, body] of firstArticles.entries())
    suggest(body, segmented[index]!, { attributions: true });
  const suggestSeconds = (performance.now() - suggestStarted) / 1000;

  const { server, owner } = await startBenchProject('bench_import', ['bench', 'floor']);
  try {
    await addAnalysts(server.database.db, 'bench');
    const copyClient = postgres(server.databaseUrl ?? databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const empty = await measure(owner, server.database.db, copyClient, firstArticles, 'empty', progress);
      progress(
        `generating ${sizes.preloadedSentences.toLocaleString('en')} sentences in the project with set-based SQL`,
      );
      const preloadStarted = performance.now();
      await preload(server.database.db, sizes.preloadedSentences);
      progress(`  generated, analysed and checkpointed in ${seconds(performance.now() - preloadStarted)}`);
      const loaded = await measure(owner, server.database.db, copyClient, secondArticles, 'loaded', progress);

      const preloadedLabel = `${(sizes.preloadedSentences / 1e6).toLocaleString('en')}M sentences`;
      for (const [times, database] of [
        [empty, 'empty database'],
        [loaded, `database holding ${preloadedLabel}`],
      ] as const) {
        const input = `${articlesLabel} into an ${database}`.replace('an database', 'a database');
        const ratio = times.attestSeconds / times.floorSeconds;
        rows.push(
          row(
            input,
            `attest import (HTTP JSONL, ${articlesPerRequest}/request, ${parallelRequests} in parallel)`,
            inputBytes,
            sizes.articleCount,
            times.attestSeconds,
            `${times.sentenceCount.toLocaleString('en')} sentences stored, their suggestions queued; ${ratio.toFixed(2)}× the floor; the server's event loop held up to ${times.longestStallMs.toFixed(0)} ms`,
          ),
          row(
            input,
            'attest import until the suggestions are added in the background',
            inputBytes,
            sizes.articleCount,
            times.suggestionsSeconds,
            times.suggestionsStillWaiting === 0
              ? `every sentence's suggestion, rules and source, cue and content spans (added after the import answers); ${(times.suggestionsSeconds / times.floorSeconds).toFixed(2)}× the floor`
              : `NOT finished: ${times.suggestionsStillWaiting} documents still waited for their suggestions when the bench stopped waiting`,
          ),
          row(
            input,
            'attest import until background claim linking has finished',
            inputBytes,
            sizes.articleCount,
            times.linkedSeconds,
            times.stillWaiting === 0
              ? `claim linking runs after the import answers (off the request path); ${(times.linkedSeconds / times.floorSeconds).toFixed(1)}× the floor`
              : `NOT finished: ${times.stillWaiting} documents of the project (this phase's and any earlier phase's) still waited for linking when the bench stopped waiting`,
          ),
          row(
            input,
            'segment() + COPY FROM STDIN (floor)',
            inputBytes,
            sizes.articleCount,
            times.floorSeconds,
            `${times.floorSentenceCount.toLocaleString('en')} sentence rows, no suggestions`,
          ),
        );
        checks.push(
          {
            name: `import within 1.5× of segment() + COPY on ${input}`,
            isPassed: ratio <= 1.5,
            detail: `${ratio.toFixed(2)}×`,
          },
          {
            name: `every sentence given its suggestion after the import, on ${input}`,
            isPassed: times.suggestionsStillWaiting === 0 && times.sentencesWithoutSuggestion === 0,
            detail: `${times.sentencesWithoutSuggestion} sentences without one, ${times.suggestionsStillWaiting} documents still waiting`,
          },
          {
            name: `every article imported once, with the floor's sentences, on ${input}`,
            isPassed:
              times.imported === sizes.articleCount && times.sentenceCount === times.floorSentenceCount,
            detail: `${times.imported} imported, ${times.sentenceCount} vs ${times.floorSentenceCount} sentences`,
          },
        );
      }
      rows.push(
        row(
          `${articlesLabel} (no database)`,
          'suggest() with the attribution spans, in memory (reference)',
          inputBytes,
          sizes.articleCount,
          suggestSeconds,
          "the filler's work after the import answers, without its reads and writes",
        ),
      );
      const slowdown = loaded.attestSeconds / empty.attestSeconds;
      checks.push({
        name: `import into a database holding ${preloadedLabel} at most 1.2× slower than into an empty one`,
        isPassed: slowdown <= 1.2,
        detail: `${slowdown.toFixed(2)}× (${empty.attestSeconds.toFixed(1)} s → ${loaded.attestSeconds.toFixed(1)} s)`,
      });
    } finally {
      await copyClient.end();
    }
  } finally {
    await server.stop();
  }
  return { rows, checks };
}

/** The floor first (it then finds the smaller database), then Attest over HTTP. */
async function measure(
  owner: Client,
  db: Database,
  copyClient: postgres.Sql,
  articles: readonly string[],
  phase: string,
  progress: SuiteOptions['progress'],
): Promise<ImportTimes> {
  progress(`${phase}: floor — segment() and COPY ${articles.length.toLocaleString('en')} articles`);
  const floorStarted = performance.now();
  const floorSentenceCount = await copyArticles(copyClient, articles);
  const floorSeconds = (performance.now() - floorStarted) / 1000;
  progress(`  ${floorSeconds.toFixed(2)} s`);

  progress(`${phase}: attest — POST /imports, ${articlesPerRequest} articles a request`);
  const before = await countSentences(db, 'bench');
  const attestStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  // Other users' requests wait as long as the event loop is held, as by a batch of 500
  // articles segmented at once.
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  let imported = 0;
  let nextBatch = 0;
  const batches: string[][] = [];
  for (let index = 0; index < articles.length; index += articlesPerRequest)
    batches.push(articles.slice(index, index + articlesPerRequest) as string[]);
  const worker = async () => {
    while (nextBatch < batches.length) {
      const batchNumber = nextBatch++;
      const body = batches[batchNumber]!.map((text, index) =>
        jsonLine(text, batchNumber * articlesPerRequest + index),
      );
      const report = await owner.upload<{ imported: number; errors: unknown[] }>(
        '/api/projects/bench/imports',
        body.join(''),
        'application/x-ndjson',
      );
      if (report.errors.length > 0)
        throw new Error(`Import reported errors: ${JSON.stringify(report.errors.slice(0, 3))}`);
      imported += report.imported;
      if ((batchNumber + 1) % 4 === 0) progress(`  ${imported.toLocaleString('en')} articles imported`);
    }
  };
  await Promise.all(Array.from({ length: parallelRequests }, worker));
  const attestSeconds = (performance.now() - attestStarted) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  stalls.disable();
  const longestStallMs = stalls.max / 1e6;
  progress(
    `  ${attestSeconds.toFixed(2)} s, node cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, event loop held up to ${longestStallMs.toFixed(0)} ms`,
  );
  progress(`${phase}: waiting for the suggestions, added in the background`);
  const suggestionsStillWaiting = await untilSuggestionsAdded(
    db,
    suggestionsTimeoutMilliseconds + attestStarted,
  );
  const suggestionsSeconds = (performance.now() - attestStarted) / 1000;
  progress(
    suggestionsStillWaiting === 0
      ? `  added ${suggestionsSeconds.toFixed(2)} s after the first request`
      : `  ${suggestionsStillWaiting} documents still without suggestions ${suggestionsSeconds.toFixed(2)} s after the first request`,
  );
  const sentencesWithoutSuggestion = await countSentences(db, 'bench', { withoutSuggestion: true });
  progress(`${phase}: waiting for the background claim linker`);
  const stillWaiting = await untilLinked(owner, 'bench', linkTimeoutSeconds() * 1000 + attestStarted);
  const linkedSeconds = (performance.now() - attestStarted) / 1000;
  progress(
    stillWaiting === 0
      ? `  linked ${linkedSeconds.toFixed(2)} s after the first request`
      : `  ${stillWaiting} documents still waiting ${linkedSeconds.toFixed(2)} s after the first request`,
  );
  // What still waits would be linked under the next measurements (the floor is no import, so the
  // linker does not hold back for it): the bench leaves it unlinked instead.
  if (stillWaiting > 0) await db.execute(sql`delete from claim_link_queue`);
  const sentenceCount = (await countSentences(db, 'bench')) - before;
  return {
    attestSeconds,
    suggestionsSeconds,
    suggestionsStillWaiting,
    sentencesWithoutSuggestion,
    linkedSeconds,
    stillWaiting,
    floorSeconds,
    longestStallMs,
    sentenceCount,
    floorSentenceCount,
    imported,
  };
}

/**
 * How long to wait for the background linker (ATTEST_BENCH_IMPORT_LINK_TIMEOUT, seconds; 180 by
 * default): linking thousands of near-identical generated articles takes far longer than
 * importing them, and a run with a deadline reports how many documents still waited instead of
 * keeping `pnpm bench` busy for hours.
 */
function linkTimeoutSeconds(): number {
  return Number(process.env['ATTEST_BENCH_IMPORT_LINK_TIMEOUT'] ?? 180);
}

function jsonLine(body: string, index: number): string {
  const day = String(1 + (index % 28)).padStart(2, '0');
  return `${JSON.stringify({
    outlet: outlets[index % outlets.length],
    url: `https://news.example/${index}`,
    published_at: `2026-10-${day}T09:00:00Z`,
    body,
  })}\n`;
}

/** Segments the articles and COPYs their document and sentence rows into the "floor" project. */
async function copyArticles(client: postgres.Sql, articles: readonly string[]): Promise<number> {
  const [project] = await client<{ id: string }[]>`select id from projects where slug = 'floor'`;
  const documentLines: string[] = [];
  const sentenceLines: string[] = [];
  for (const [index, body] of articles.entries()) {
    const documentId = randomUUID();
    const segments = segment(body);
    const sha = createHash('sha256').update(body, 'utf8').digest('hex');
    const day = String(1 + (index % 28)).padStart(2, '0');
    documentLines.push(
      copyTextLine([
        documentId,
        project!.id,
        segments[0]?.text ?? 'Untitled article',
        outlets[index % outlets.length]!,
        `https://news.example/${index}`,
        `2026-10-${day}T09:00:00Z`,
        body,
        sha,
      ]),
    );
    for (const [position, part] of segments.entries())
      sentenceLines.push(
        copyTextLine([randomUUID(), documentId, position, part.start, part.end, part.kind, part.text, null]),
      );
  }
  await copyLines(
    client,
    'copy documents (id, project_id, title, outlet, url, published_at, body, body_sha256) from stdin',
    documentLines,
  );
  await copyLines(
    client,
    'copy sentences (id, document_id, position, start, "end", kind, text, suggestion) from stdin',
    sentenceLines,
  );
  return sentenceLines.length;
}

/** The project's sentences, or those of them (not boilerplate) that have no suggestion. */
async function countSentences(
  db: Database,
  slug: string,
  { withoutSuggestion = false } = {},
): Promise<number> {
  const result: unknown = await db.execute(sql`select count(*)::int as total from sentences s
    join documents d on d.id = s.document_id join projects p on p.id = d.project_id where p.slug = ${slug}
    ${withoutSuggestion ? sql`and s.suggestion is null and s.kind <> 'boilerplate'` : sql``}`);
  const [first] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    total: number;
  }[];
  return first?.total ?? 0;
}

/** Archived documents of 30 labelled-looking sentences in the import's project, assigned to its analysts. */
async function preload(db: Database, sentenceCount: number) {
  const sentenceText = 'Officials reported the figure on Tuesday, the ministry said.';
  const documentCount = Math.ceil(sentenceCount / archiveSentencesPerDocument);
  const body = Array.from({ length: archiveSentencesPerDocument }, () => sentenceText).join(' ');
  await generateWithoutForeignKeyChecks(db, async (transaction) => {
    await transaction.execute(sql`
      insert into documents (project_id, title, outlet, body, body_sha256, published_at, created_at)
      select p.id, 'Archived article ' || n, 'Archive Wire', ${body} || ' ' || n, md5('archive ' || n),
        now() - (n || ' minutes')::interval, now() - (n || ' minutes')::interval
      from projects p, generate_series(1, ${documentCount}) n where p.slug = 'bench'`);
    await transaction.execute(sql`
      insert into sentences (document_id, position, start, "end", kind, text, suggestion)
      select d.id, k, k * ${sentenceText.length + 1}, k * ${sentenceText.length + 1} + ${sentenceText.length},
        'sentence', ${sentenceText},
        jsonb_build_object('label', 'observer_inference', 'confidence', 0.7, 'source', 'ministry',
          'chain', '[]'::jsonb, 'cues', '[]'::jsonb, 'rule', 'reporting-verb')
      from documents d join projects p on p.id = d.project_id, generate_series(0, ${archiveSentencesPerDocument - 1}) k
      where p.slug = 'bench' and d.outlet = 'Archive Wire'`);
    await transaction.execute(sql`
      insert into assignments (document_id, user_id)
      select d.id, m.user_id from documents d join projects p on p.id = d.project_id
        join project_members m on m.project_id = p.id and m.role = 'analyst'
      where p.slug = 'bench' and d.outlet = 'Archive Wire'`);
  });
  await db.execute(sql`analyze`);
  // The generated pages go to disk now, not in the middle of the timed import.
  await db.execute(sql`checkpoint`);
}

function row(
  input: string,
  tool: string,
  bytes: number,
  units: number,
  secondsTaken: number,
  notes: string,
): BenchRow {
  return {
    suite: 'import',
    input,
    tool,
    inputBytes: bytes,
    units,
    unitName: 'articles',
    seconds: secondsTaken,
    unitsPerSecond: units / secondsTaken,
    megabytesPerSecond: bytes / 1e6 / secondsTaken,
    notes,
  };
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

export const importSuite: BenchSuite = {
  name: 'import',
  description:
    'bulk JSON-lines import over HTTP against segment() + COPY FROM STDIN, into an empty database and one holding 5M sentences',
  run: runImport,
};
