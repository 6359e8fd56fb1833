// Dataset export throughput on real PostgreSQL: Attest's streamed JSONL export over HTTP beside
// `COPY (a query joining the same tables) TO STDOUT` of the same rows, with the process's peak
// memory. Needs DATABASE_URL; without it the suite reports that it did not run.
import type { Database } from '@attest/db';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { Client, startLiveServer } from '../harness/live-server.ts';
import type { BenchCheck, BenchRow, BenchSuite, SuiteOptions } from '../suite.ts';

const sentenceText = 'Officials reported the figure on Tuesday.';
const sentencesPerDocument = 30;

async function runExport({ isSmoke, progress }: SuiteOptions) {
  const rows: BenchRow[] = [];
  const checks: BenchCheck[] = [];
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    progress('DATABASE_URL is not set: the export benchmark needs PostgreSQL and did not run');
    return { rows, checks };
  }
  const sizes = isSmoke ? [2_000] : [100_000, 1_000_000];
  const peakBySize = new Map<number, number>();
  for (const sentenceCount of sizes) {
    const server = await startLiveServer('bench_export');
    try {
      const owner = new Client(server.url);
      await owner.json('POST', '/api/setup', {
        name: 'Bench',
        email: 'bench@attest.test',
        password: 'bench password 1',
      });
      await owner.json('POST', '/api/projects', { slug: 'bench', name: 'Bench' });
      progress(`generating ${sentenceCount.toLocaleString('en')} labelled sentences`);
      await generateCorpus(server.database.db, sentenceCount);

      progress(`exporting ${sentenceCount.toLocaleString('en')} sentences as JSONL over HTTP`);
      const baselineRss = process.memoryUsage().rss;
      let peakRss = baselineRss;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 50);
      const exportStarted = performance.now();
      const response = await owner.request('GET', '/api/projects/bench/export?format=jsonl&scope=gold');
      let exportBytes = 0;
      let exportedRows = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        exportBytes += chunk.byteLength;
        for (const byte of chunk) if (byte === 10) exportedRows++;
      }
      const exportSeconds = (performance.now() - exportStarted) / 1000;
      clearInterval(sampler);
      peakBySize.set(sentenceCount, peakRss - baselineRss);

      progress('the same rows through COPY … TO STDOUT');
      const copyClient = postgres(server.databaseUrl ?? databaseUrl, { max: 1, onnotice: () => {} });
      const copyStarted = performance.now();
      const stream = await copyClient`copy (
          select s.id, s.document_id, d.title, d.outlet, d.url, d.published_at, d.body_sha256, s.position, s.kind,
            s.start, s."end", s.text, s.suggestion,
            (select json_agg(json_build_object('label', l.key, 'source', a.source, 'chain', a.chain, 'cues', a.cues))
              from annotations a join labels l on l.id = a.label_id where a.sentence_id = s.id) as annotations
          from sentences s join documents d on d.id = s.document_id order by d.created_at, d.id, s.position
        ) to stdout`.readable();
      let copyBytes = 0;
      for await (const chunk of stream) copyBytes += (chunk as Buffer).byteLength;
      const copySeconds = (performance.now() - copyStarted) / 1000;
      await copyClient.end();

      const label = `${sentenceCount.toLocaleString('en')} sentences`;
      rows.push(
        row(
          label,
          'attest export (JSONL, HTTP)',
          exportBytes,
          exportedRows,
          exportSeconds,
          `peak +${mb(peakRss - baselineRss)} RSS`,
        ),
        row(
          label,
          'COPY … TO STDOUT (floor)',
          copyBytes,
          sentenceCount,
          copySeconds,
          'same tables, one query',
        ),
      );
      const ratio = exportedRows / exportSeconds / (sentenceCount / copySeconds);
      checks.push({
        name: `export at least half of COPY's throughput on ${label}`,
        isPassed: isSmoke || ratio >= 0.5,
        detail: `${(ratio * 100).toFixed(0)}% of COPY's rows per second`,
      });
      checks.push({
        name: `every sentence exported once on ${label}`,
        isPassed: exportedRows === sentenceCount,
        detail: `${exportedRows} rows`,
      });
    } finally {
      await server.stop();
    }
  }
  if (!isSmoke && peakBySize.size === 2) {
    const [small, large] = [...peakBySize.values()] as [number, number];
    checks.push({
      name: 'memory of 1M rows within 1.2× of 100k rows',
      isPassed: large <= small * 1.2,
      detail: `${mb(small)} → ${mb(large)}`,
    });
  }
  return { rows, checks };
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

function row(
  input: string,
  tool: string,
  bytes: number,
  units: number,
  seconds: number,
  notes: string,
): BenchRow {
  return {
    suite: 'export',
    input,
    tool,
    inputBytes: bytes,
    units,
    unitName: 'sentences',
    seconds,
    unitsPerSecond: units / seconds,
    megabytesPerSecond: bytes / 1e6 / seconds,
    notes,
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export const exportSuite: BenchSuite = {
  name: 'export',
  description: 'streamed JSONL export over HTTP against COPY TO STDOUT on PostgreSQL, with peak memory',
  run: runExport,
};
