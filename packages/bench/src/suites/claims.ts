// Claim linking on real PostgreSQL: linking one new article into a project of 10,000 articles
// (about 300,000 sentences) and re-linking the project, beside a floor of the candidate query
// alone (a sentence's rarest claim keys looked up in their GIN index, ranked by trigram
// similarity). Two corpora, both made of the invented fixture articles' sentences: `events` (the
// default: five outlets tell each event, events differ in their words: claim-events.ts) and
// `copies` (ATTEST_BENCH_CLAIMS_CORPUS=copies: sentences drawn from one pool, so each has
// hundreds of exact copies). Since candidates come from the word index, every word of a copy is
// carried by more sentences than one lookup may read, so `copies` finds no candidates and times
// an empty query (docs/claims.md, *Scale*). Needs DATABASE_URL.
import { linkDocumentIntoClaims, relinkProject } from '@attest/api';
import { claimText, segment } from '@attest/core';
import {
  type Database,
  findClaimCandidates,
  findLinkableSentences,
  recountClaimKeys,
  rowsOf,
} from '@attest/db';
import { sql } from 'drizzle-orm';
import { generateWithoutForeignKeyChecks, startBenchProject } from '../harness/bench-project.ts';
import { type BenchCheck, type BenchRow, type BenchSuite, type SuiteOptions, unitRow } from '../suite.ts';
import { buildEventArticles, outletsPerEvent } from './claim-events.ts';
import { buildNewsArticles } from './news-corpus.ts';

const sentencesPerDocument = 30;

async function runClaims({ isSmoke, progress }: SuiteOptions) {
  const rows: BenchRow[] = [];
  const checks: BenchCheck[] = [];
  if (!process.env['DATABASE_URL']) {
    progress('DATABASE_URL is not set: the claims benchmark needs PostgreSQL and did not run');
    return { rows, checks };
  }
  // ATTEST_BENCH_CLAIMS_DOCUMENTS runs it at another size (a shared machine may not afford 10,000).
  const documentCount = isSmoke ? 200 : Number(process.env['ATTEST_BENCH_CLAIMS_DOCUMENTS'] ?? 10_000);
  const runCount = isSmoke ? 3 : 7;
  const corpus = process.env['ATTEST_BENCH_CLAIMS_CORPUS'] === 'copies' ? 'copies' : 'events';
  const { server } = await startBenchProject('bench_claims', ['bench']);
  try {
    const db = server.database.db as Database;
    progress(
      `generating ${documentCount.toLocaleString('en')} documents of ${sentencesPerDocument} sentences (${corpus})`,
    );
    if (corpus === 'copies') await generateProject(db, documentCount);
    else await generateEventProject(db, documentCount, progress);
    const projectId = await scalar<string>(db, sql`select id from projects where slug = 'bench'`);
    // The key counts as the linker keeps them (generation writes the keys alone), then statistics.
    await recountClaimKeys(db, { projectId });
    await db.execute(sql`analyze`);
    const documentIds = (
      await rowsOf<{ id: string }>(
        db,
        sql`select id from documents where project_id = ${projectId} order by id`,
      )
    ).map((row) => row.id);
    const sentenceCount = documentCount * sentencesPerDocument;
    const shape =
      corpus === 'copies'
        ? 'sentences copied across documents'
        : `${Math.ceil(documentCount / outletsPerEvent).toLocaleString('en')} events of ${outletsPerEvent} outlets`;
    const input = `${documentCount.toLocaleString('en')} documents, ${sentenceCount.toLocaleString('en')} sentences (${shape})`;

    progress(`floor: the candidate query for one document, ${runCount} runs`);
    const floor = await medianOf(runCount, async (run) => {
      const scope = { projectId, documentId: documentIds[run]! };
      const sentences = (await findLinkableSentences(db, scope)).map((sentence) => ({
        id: sentence.id,
        claimText: sentence.claimText ?? claimText(sentence.text),
      }));
      return findClaimCandidates(db, { ...scope, sentences });
    });
    progress(`linking one new article into the project, ${runCount} runs`);
    const linkOne = await medianOf(runCount, (run) =>
      linkDocumentIntoClaims(db, projectId, documentIds[documentIds.length - 1 - run]!),
    );
    rows.push(
      row(input, 'candidate query for one article (floor)', sentencesPerDocument, floor.seconds, [
        `${floor.result.length} candidate rows`,
      ]),
      row(
        input,
        'link one new article (candidates + scorer + writes)',
        sentencesPerDocument,
        linkOne.seconds,
        [`${(linkOne.seconds / floor.seconds).toFixed(1)}× the floor`],
      ),
    );
    // A query that finds nothing is fast and says nothing about linking (the `copies` corpus).
    checks.push({
      name: `the candidate query finds candidates in ${input}`,
      isPassed: floor.result.length > 0,
      detail: `${floor.result.length} candidate rows for one article`,
    });
    checks.push({
      name: `linking one article into ${input} takes under 1 s`,
      isPassed: linkOne.seconds < 1,
      detail: `${(linkOne.seconds * 1000).toFixed(0)} ms`,
    });
    if (process.env['ATTEST_BENCH_CLAIMS_RELINK']) {
      progress('re-linking the whole project');
      const started = performance.now();
      // Cost per document by tenth of the project: flat when linking grows linearly.
      const tenth = Math.max(1, Math.round(documentCount / 10));
      const msPerDocumentByTenth: number[] = [];
      let tenthStarted = started;
      const summary = await relinkProject(db, projectId, {
        onProgress: (linked, total) => {
          if (linked === 0 || (linked % tenth !== 0 && linked !== total)) return;
          const now = performance.now();
          const linkedInTenth = linked % tenth === 0 ? tenth : linked % tenth;
          msPerDocumentByTenth.push((now - tenthStarted) / linkedInTenth);
          tenthStarted = now;
          progress(
            `re-linked ${linked.toLocaleString('en')} of ${total.toLocaleString('en')} documents: ${msPerDocumentByTenth.at(-1)!.toFixed(0)} ms per document since the last report`,
          );
        },
      });
      const seconds = (performance.now() - started) / 1000;
      rows.push(
        row(input, 'link the whole project, document by document', sentenceCount, seconds, [
          `${summary.claims} claims, ${summary.suggestedLinks} links`,
          `${((seconds / documentCount) * 1000).toFixed(0)} ms per document`,
          `by tenth of the project: ${msPerDocumentByTenth.map((ms) => ms.toFixed(0)).join(' / ')} ms per document`,
        ]),
      );
      // The article measured above met a project with no claims yet (generation links nothing);
      // now every document is linked, as in a project that has been importing all along.
      progress(`linking one article into the linked project, ${runCount} runs`);
      const linkOneLinked = await medianOf(runCount, (run) =>
        linkDocumentIntoClaims(db, projectId, documentIds[documentIds.length - 1 - run]!),
      );
      rows.push(
        row(
          input,
          'link one article into the linked project (its own links placed again)',
          sentencesPerDocument,
          linkOneLinked.seconds,
          [`${(linkOneLinked.seconds / floor.seconds).toFixed(1)}× the floor`],
        ),
      );
      checks.push({
        name: `linking one article into ${input}, every document linked, takes under 1 s`,
        isPassed: linkOneLinked.seconds < 1,
        detail: `${(linkOneLinked.seconds * 1000).toFixed(0)} ms`,
      });
    }
  } finally {
    await server.stop();
  }
  return { rows, checks };
}

/** Documents whose sentences come from the fixture articles, each with its document number. */
async function generateProject(db: Database, documentCount: number): Promise<void> {
  const pool = buildNewsArticles(40).flatMap((text) =>
    segment(text)
      .filter((part) => part.kind === 'sentence')
      .map((part) => ({ text: part.text, claimText: claimText(part.text) })),
  );
  await generateWithoutForeignKeyChecks(db, async (transaction) => {
    await transaction.execute(sql`
      insert into documents (project_id, title, outlet, body, body_sha256, published_at)
      select p.id, 'Bench article ' || n, (array['Harbor Daily', 'Peninsula Wire', 'Eastern Courier'])[1 + n % 3],
        'Bench article ' || n, md5('claims ' || n), timestamptz '2026-09-01' + ((n % 60) || ' days')::interval
      from projects p, generate_series(1, ${documentCount}) n where p.slug = 'bench'`);
    await transaction.execute(sql`
      with pool as (
        select array_agg(value->>'text' order by n) as texts, array_agg(value->>'claimText' order by n) as claim_texts
        from jsonb_array_elements(${JSON.stringify(pool)}::jsonb) with ordinality as entries(value, n))
      insert into sentences (document_id, position, start, "end", kind, text, claim_text, claim_keys, suggestion)
      select d.id, k, k * 100, k * 100 + 99, 'sentence'::segment_kind,
        (select texts from pool)[pick.n], (select claim_texts from pool)[pick.n],
        claim_keys_of(p.id, (select claim_texts from pool)[pick.n]),
        jsonb_build_object('label', 'reported_fact', 'confidence', 0.6, 'source', null, 'chain', '[]'::jsonb,
          'cues', '[]'::jsonb, 'rule', 'unattributed-statement')
      from documents d join projects p on p.id = d.project_id, generate_series(0, ${sentencesPerDocument - 1}) k,
        lateral (select 1 + abs(hashtext(d.id::text || k)) % ${pool.length} as n) pick
      where p.slug = 'bench'`);
  });
}

/** Documents per statement while generating the events corpus (30 sentences each). */
const eventDocumentsPerInsert = 250;

/** The events corpus (claim-events.ts), written straight to the tables a few hundred documents at a time. */
async function generateEventProject(
  db: Database,
  documentCount: number,
  progress: SuiteOptions['progress'],
): Promise<void> {
  const articles = buildEventArticles(documentCount, sentencesPerDocument);
  const claimTexts = new Map<string, string>();
  const claimTextOf = (text: string) => {
    const known = claimTexts.get(text) ?? claimText(text);
    claimTexts.set(text, known);
    return known;
  };
  await generateWithoutForeignKeyChecks(db, async (transaction) => {
    for (let from = 0; from < articles.length; from += eventDocumentsPerInsert) {
      const chunk = articles.slice(from, from + eventDocumentsPerInsert).map((article, offset) => ({
        number: from + offset + 1,
        outlet: article.outlet,
        day: article.day,
        sentences: article.sentences.map((text) => ({ text, claimText: claimTextOf(text) })),
      }));
      await transaction.execute(sql`
        with article as (
          select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
            as a(number int, outlet text, day int, sentences jsonb)),
        inserted as (
          insert into documents (project_id, title, outlet, body, body_sha256, published_at)
          select p.id, 'Bench article ' || a.number, a.outlet, 'Bench article ' || a.number,
            md5('claims ' || a.number), timestamptz '2026-09-01' + (a.day || ' days')::interval
          from projects p, article a where p.slug = 'bench'
          returning id, title, project_id)
        insert into sentences (document_id, position, start, "end", kind, text, claim_text, claim_keys, suggestion)
        select i.id, s.position - 1, (s.position - 1) * 100, (s.position - 1) * 100 + 99, 'sentence'::segment_kind,
          s.value->>'text', s.value->>'claimText', claim_keys_of(i.project_id, s.value->>'claimText'),
          jsonb_build_object('label', 'reported_fact', 'confidence', 0.6, 'source', null, 'chain', '[]'::jsonb,
            'cues', '[]'::jsonb, 'rule', 'unattributed-statement')
        from inserted i join article a on i.title = 'Bench article ' || a.number,
          jsonb_array_elements(a.sentences) with ordinality as s(value, position)`);
      progress(
        `generated ${Math.min(from + eventDocumentsPerInsert, articles.length).toLocaleString('en')} documents`,
      );
    }
  });
}

async function scalar<Value>(db: Database, query: ReturnType<typeof sql>): Promise<Value> {
  const [first] = await rowsOf<Record<string, Value>>(db, query);
  return Object.values(first ?? {})[0] as Value;
}

/** The median of `runCount` timed runs; run `n` gets its number so each can take other input. */
async function medianOf<Result>(
  runCount: number,
  work: (run: number) => Promise<Result>,
): Promise<{ seconds: number; result: Result }> {
  const durations: number[] = [];
  let result: Result | undefined;
  for (let run = 0; run < runCount; run++) {
    const started = performance.now();
    result = await work(run);
    durations.push((performance.now() - started) / 1000);
  }
  durations.sort((a, b) => a - b);
  return { seconds: durations[Math.floor(durations.length / 2)]!, result: result as Result };
}

function row(input: string, tool: string, units: number, seconds: number, notes: string[]): BenchRow {
  return unitRow({
    suite: 'claims',
    input,
    tool,
    units,
    unitName: 'sentences',
    seconds,
    notes: notes.join('; '),
  });
}

export const claimsSuite: BenchSuite = {
  name: 'claims',
  description:
    'linking one article into a 10,000-article project and the whole project, against the candidate query alone',
  run: runClaims,
};
