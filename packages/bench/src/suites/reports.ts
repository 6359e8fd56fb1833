// Provenance reports on real PostgreSQL: GET /api/projects/{slug}/report over a project of
// 10,000 documents and 300,000 sentences labelled by two analysts, and one document's report,
// beside a floor of a single `count(*) … group by label` scan of the same annotations. The
// project report adds up per-document counts (db/src/queries/report-counts.ts): timed once when
// every document's counts are computed (the first report after the data was written), then as
// usual, and after labels changed in 100 documents, which it recomputes first.
// Needs DATABASE_URL; without it the suite reports that it did not run.
import type { Database } from '@attest/db';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { addAnalysts, generateWithoutForeignKeyChecks, startBenchProject } from '../harness/bench-project.ts';
import { type BenchCheck, type BenchRow, type BenchSuite, type SuiteOptions, unitRow } from '../suite.ts';

const sentencesPerDocument = 30;

async function runReports({ isSmoke, progress }: SuiteOptions) {
  const rows: BenchRow[] = [];
  const checks: BenchCheck[] = [];
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    progress('DATABASE_URL is not set: the reports benchmark needs PostgreSQL and did not run');
    return { rows, checks };
  }
  const documentCount = isSmoke ? 100 : 10_000;
  const runCount = isSmoke ? 1 : 5;
  const sentenceCount = documentCount * sentencesPerDocument;
  const { server, owner } = await startBenchProject('bench_reports', ['bench']);
  try {
    await addAnalysts(server.database.db, 'bench');
    progress(
      `generating ${documentCount.toLocaleString('en')} documents, ${sentenceCount.toLocaleString('en')} sentences and two analysts' labels`,
    );
    const generateStarted = performance.now();
    const annotationCount = await generateLabelledProject(server.database.db, documentCount);
    progress(`  done in ${((performance.now() - generateStarted) / 1000).toFixed(1)} s`);

    const input = `${documentCount.toLocaleString('en')} documents, ${sentenceCount.toLocaleString('en')} sentences, ${annotationCount.toLocaleString('en')} labels`;
    const projectReport = async () => {
      const report = await owner.json<{ byDocument: unknown[] }>('GET', '/api/projects/bench/report');
      return report.byDocument.length;
    };
    progress('project report over HTTP, counting every document for the first time');
    const firstStarted = performance.now();
    await projectReport();
    const firstSeconds = (performance.now() - firstStarted) / 1000;
    progress(`  ${(firstSeconds * 1000).toFixed(0)} ms`);
    progress(`project report over HTTP: warm-up, then ${runCount} timed run(s)`);
    const project = await medianOf(runCount, progress, projectReport);
    const changedDocuments = isSmoke ? 10 : 100;
    progress(
      `project report after labels changed in ${changedDocuments} documents, ${runCount} timed run(s)`,
    );
    const afterChanges = await medianOf(runCount, progress, projectReport, () =>
      changeLabels(server.database.db, changedDocuments),
    );
    const [someDocument] = await owner
      .json<{ items: { id: string }[] }>('GET', '/api/projects/bench/documents?limit=1')
      .then((page) => page.items);
    progress(`one document's report over HTTP: warm-up, then ${runCount} timed run(s)`);
    const document = await medianOf(runCount, progress, async () => {
      const report = await owner.json<{ strip: unknown[] }>(
        'GET',
        `/api/documents/${someDocument!.id}/report`,
      );
      return report.strip.length;
    });

    progress(`floor: one count(*) … group by label over the annotations, ${runCount} timed run(s)`);
    const client = postgres(server.databaseUrl ?? databaseUrl, { max: 1, onnotice: () => {} });
    const floor = await medianOf(runCount, progress, async () => {
      const counts = await client<{ total: number }[]>`
        select l.key, count(*)::int as total
        from annotations a join labels l on l.id = a.label_id
          join sentences s on s.id = a.sentence_id join documents d on d.id = s.document_id
          join projects p on p.id = d.project_id
        where p.slug = 'bench' group by l.key`;
      return counts.reduce((sum, row) => sum + row.total, 0);
    });
    await client.end();

    const ratio = project.seconds / floor.seconds;
    rows.push(
      row(input, 'attest project report (HTTP)', sentenceCount, project.seconds, [
        `${project.result.toLocaleString('en')} documents in the report`,
        `${ratio.toFixed(1)}× the floor`,
      ]),
      row(input, 'attest project report, first (every document counted)', sentenceCount, firstSeconds, [
        'once, after the data was written: the counts of all documents computed',
      ]),
      row(
        input,
        `attest project report after labels changed in ${changedDocuments} documents`,
        sentenceCount,
        afterChanges.seconds,
        [`${(afterChanges.seconds / floor.seconds).toFixed(1)}× the floor`],
      ),
      row(input, 'count(*) group by label (floor)', sentenceCount, floor.seconds, [
        `${floor.result.toLocaleString('en')} labels counted in one scan`,
      ]),
      row(
        `one document of ${sentencesPerDocument} sentences`,
        'attest document report (HTTP)',
        sentencesPerDocument,
        document.seconds,
        [`${document.result} sentences in the strip`],
      ),
    );
    checks.push(
      {
        name: `project report over ${input} answers within 1 s`,
        isPassed: project.seconds < 1,
        detail: `${(project.seconds * 1000).toFixed(0)} ms, ${ratio.toFixed(1)}× one count(*) scan`,
      },
      {
        name: `project report after labels changed in ${changedDocuments} documents answers within 1 s`,
        isPassed: afterChanges.seconds < 1,
        detail: `${(afterChanges.seconds * 1000).toFixed(0)} ms`,
      },
      {
        name: 'document report answers within 100 ms',
        isPassed: document.seconds <= 0.1,
        detail: `${(document.seconds * 1000).toFixed(0)} ms`,
      },
      {
        name: 'the project report covers every document',
        isPassed: project.result === documentCount,
        detail: `${project.result} of ${documentCount}`,
      },
    );
  } finally {
    await server.stop();
  }
  return { rows, checks };
}

/** A warm-up, then the median of `runCount` timed runs of an asynchronous step (after an untimed `before`). */
async function medianOf<Result>(
  runCount: number,
  progress: SuiteOptions['progress'],
  work: () => Promise<Result>,
  before: () => Promise<void> = async () => {},
): Promise<{ seconds: number; result: Result }> {
  let result = await work();
  const durations: number[] = [];
  for (let runNumber = 1; runNumber <= runCount; runNumber++) {
    await before();
    const started = performance.now();
    result = await work();
    const seconds = (performance.now() - started) / 1000;
    durations.push(seconds);
    progress(`  run ${runNumber}/${runCount}: ${(seconds * 1000).toFixed(0)} ms`);
  }
  durations.sort((a, b) => a - b);
  return { seconds: durations[Math.floor(durations.length / 2)]!, result };
}

/**
 * Documents from four outlets over sixty days; every annotatable sentence labelled by both
 * analysts, who disagree on about one in eight; a reviewer settles a third of the
 * disagreements. Written by PostgreSQL itself; returns the number of annotations.
 */
async function generateLabelledProject(db: Database, documentCount: number): Promise<number> {
  const sentenceText = 'The agency said the figure rose on Tuesday.';
  const body = Array.from({ length: sentencesPerDocument }, () => sentenceText).join(' ');
  await generateWithoutForeignKeyChecks(db, async (transaction) => {
    await transaction.execute(sql`
      insert into documents (project_id, title, outlet, body, body_sha256, published_at)
      select p.id, 'Bench article ' || n, (array['Harbor Daily', 'Peninsula Wire', 'Eastern Courier', 'Capital Ledger'])[1 + n % 4],
        ${body} || ' ' || n, md5('report ' || n), timestamptz '2026-09-01' + ((n % 60) || ' days')::interval
      from projects p, generate_series(1, ${documentCount}) n where p.slug = 'bench'`);
    // Every tenth sentence is a boilerplate line, which reports leave out.
    await transaction.execute(sql`
      insert into sentences (document_id, position, start, "end", kind, text, suggestion)
      select d.id, k, k * ${sentenceText.length + 1}, k * ${sentenceText.length + 1} + ${sentenceText.length},
        (case when k % 10 = 9 then 'boilerplate' else 'sentence' end)::segment_kind, ${sentenceText},
        case when k % 10 = 9 then null else jsonb_build_object(
          'label', (array['kcna_claim', 'observer_inference', 'reported_fact'])[1 + k % 3], 'confidence', 0.7,
          'source', case when k % 3 = 0 then 'KCNA' end, 'chain', '[]'::jsonb, 'cues', '[]'::jsonb, 'rule', 'bench') end
      from documents d join projects p on p.id = d.project_id, generate_series(0, ${sentencesPerDocument - 1}) k
      where p.slug = 'bench'`);
    await transaction.execute(sql`
      insert into assignments (document_id, user_id)
      select d.id, m.user_id from documents d join projects p on p.id = d.project_id
        join project_members m on m.project_id = p.id and m.role = 'analyst'
      where p.slug = 'bench'`);
    // The first analyst follows the suggestion on two sentences in three; the second agrees with
    // the first except on every eighth sentence.
    await transaction.execute(sql`
      with analysts as (
        select m.user_id, row_number() over (order by m.user_id) as analyst
        from project_members m join projects p on p.id = m.project_id
        where p.slug = 'bench' and m.role = 'analyst')
      insert into annotations (sentence_id, annotator_id, label_id, source)
      select s.id, a.user_id, l.id, case when l.key = 'kcna_claim' then 'KCNA' when abs(hashtext(s.id::text)) % 5 = 0 then 'ministry' end
      from sentences s join documents d on d.id = s.document_id join projects p on p.id = d.project_id
        cross join analysts a
        join labels l on l.project_id = p.id and l.position = (abs(hashtext(s.id::text))
          + case when a.analyst = 2 and abs(hashtext(s.id::text)) % 8 = 0 then 1 else 0 end) % 3
      where p.slug = 'bench' and s.kind <> 'boilerplate'`);
    await transaction.execute(sql`
      insert into adjudications (sentence_id, label_id, decided_by)
      select a.sentence_id, min(a.label_id::text)::uuid, (select id from users where email = 'bench@attest.test')
      from annotations a group by a.sentence_id
      having count(distinct a.label_id) > 1 and abs(hashtext(a.sentence_id::text)) % 3 = 0`);
  });
  await db.execute(sql`analyze`);
  const result: unknown = await db.execute(sql`select count(*)::int as total from annotations`);
  const [first] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    total: number;
  }[];
  return first?.total ?? 0;
}

/** The second analyst relabels one sentence in each of `documentCount` random documents, as saves would. */
async function changeLabels(db: Database, documentCount: number): Promise<void> {
  await db.execute(sql`
    update annotations an set label_id = (
      select l.id from labels l where l.project_id = d.project_id and l.id <> an.label_id order by l.position limit 1)
    from sentences s join documents d on d.id = s.document_id
    where s.id = an.sentence_id and s.position = 0 and an.annotator_id = (
      select m.user_id from project_members m where m.project_id = d.project_id and m.role = 'analyst'
      order by m.user_id desc limit 1)
      and d.id in (select id from documents order by random() limit ${documentCount})`);
}

function row(input: string, tool: string, units: number, seconds: number, notes: string[]): BenchRow {
  return unitRow({
    suite: 'reports',
    input,
    tool,
    units,
    unitName: 'sentences',
    seconds,
    notes: notes.join('; '),
  });
}

export const reportsSuite: BenchSuite = {
  name: 'reports',
  description: 'project and document reports over HTTP against one count(*) group by label scan',
  run: runReports,
};
