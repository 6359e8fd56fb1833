// Issue #15's split and merge cost: splitting a sentence near the start of a document (every later
// position moves) and merging it back, on a document of 1,000 and of 100,000 sentences. Timed
// through the services (what the change costs) and over HTTP (what the editor waits for: the
// answer carries only what changed), beside a floor: the one statement that moves
// every later sentence's position, which dense 0-based positions (exports and imports use them)
// cost. Runs on PostgreSQL when DATABASE_URL is set, on embedded PGlite otherwise.
import { mergeWithNext, type ServiceContext, splitSentence } from '@attest/api';
import { type Database, documents, projects, sentences, users } from '@attest/db';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { startBenchProject } from '../harness/bench-project.ts';
import type { BenchCheck, BenchRow, BenchSuite, SuiteOptions } from '../suite.ts';

interface DocumentSize {
  label: string;
  sentenceCount: number;
}

const fullSizes: readonly DocumentSize[] = [
  { label: '1k', sentenceCount: 1_000 },
  { label: '100k', sentenceCount: 100_000 },
];

const smokeSizes: readonly DocumentSize[] = [
  { label: '100', sentenceCount: 100 },
  { label: '2k', sentenceCount: 2_000 },
];

async function runSplitMerge({ isSmoke, progress }: SuiteOptions) {
  const rows: BenchRow[] = [];
  const checks: BenchCheck[] = [];
  const runCount = isSmoke ? 1 : 5;
  const engine = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';
  const { server, owner } = await startBenchProject('bench_split_merge', ['bench']);
  try {
    const { db } = server.database;
    const [account] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, 'bench@attest.test'));
    const context: ServiceContext = { db, userId: account!.id, tokenProjectIds: null };
    const secondsBySize = new Map<string, { split: number; merge: number; floor: number }>();
    const answerBytesBySize = new Map<string, number>();
    for (const size of isSmoke ? smokeSizes : fullSizes) {
      progress(`writing a document of ${size.sentenceCount.toLocaleString('en')} sentences`);
      const { documentId, sentenceId, at } = await writeDocument(db, size.sentenceCount);
      const input = `${size.sentenceCount.toLocaleString('en')}-sentence document (${engine})`;
      // Split the second sentence and merge it back: the document is the same size for each run.
      const timings = {
        split: [] as number[],
        merge: [] as number[],
        http: [] as number[],
        floor: [] as number[],
      };
      for (let runNumber = 0; runNumber <= runCount; runNumber++) {
        let started = performance.now();
        await splitSentence(context, { sentenceId, at, confirm: true });
        const split = (performance.now() - started) / 1000;
        started = performance.now();
        await mergeWithNext(context, { sentenceId, confirm: true });
        const merge = (performance.now() - started) / 1000;
        started = performance.now();
        const answer = await owner.request('POST', `/api/sentences/${sentenceId}/split`, {
          at,
          confirm: true,
        });
        const answerText = await answer.text();
        if (!answer.ok) throw new Error(`The split over HTTP failed: ${answer.status} ${answerText}`);
        JSON.parse(answerText);
        const answerBytes = Buffer.byteLength(answerText);
        await owner.json('POST', `/api/sentences/${sentenceId}/merge-next`, { confirm: true });
        const http = (performance.now() - started) / 1000;
        answerBytesBySize.set(size.label, answerBytes);
        started = performance.now();
        await shiftPositions(db, documentId, 1, 1);
        const floor = (performance.now() - started) / 1000;
        await shiftPositions(db, documentId, 2, -1);
        // The first run warms up.
        if (runNumber === 0) continue;
        timings.split.push(split);
        timings.merge.push(merge);
        timings.http.push(http);
        timings.floor.push(floor);
        progress(
          `  ${size.label} run ${runNumber}/${runCount}: split ${ms(split)}, merge ${ms(merge)}, both over HTTP ${ms(http)} (split answer ${answerBytes} bytes), positions alone ${ms(floor)}`,
        );
      }
      const split = median(timings.split);
      const merge = median(timings.merge);
      const floor = median(timings.floor);
      secondsBySize.set(size.label, { split, merge, floor });
      for (const [tool, seconds, notes] of [
        [
          'floor: later positions + 1 (one UPDATE)',
          floor,
          'what any split or merge with dense positions costs',
        ],
        ['splitSentence()', split, 'the transaction: positions, annotations, history, suggestions'],
        ['mergeWithNext()', merge, 'the transaction: positions, annotations, history, suggestions'],
        [
          'split + merge over HTTP',
          median(timings.http),
          `two requests; each answer carries only what changed (the split's: ${answerBytesBySize.get(size.label)} bytes)`,
        ],
      ] as const) {
        rows.push({
          suite: 'split-merge',
          input,
          tool,
          inputBytes: 0,
          units: 1,
          unitName: 'changes',
          seconds,
          unitsPerSecond: 1 / seconds,
          megabytesPerSecond: 0,
          notes,
        });
      }
    }
    const [small, large] = isSmoke ? ['100', '2k'] : ['1k', '100k'];
    const smallSeconds = secondsBySize.get(small)!;
    const largeSeconds = secondsBySize.get(large)!;
    // Everything but moving the later positions must not grow with the document: the rest of a
    // split or merge on the large document stays within half a second of the small one's.
    for (const action of ['split', 'merge'] as const) {
      const rest = largeSeconds[action] - largeSeconds.floor;
      checks.push({
        name: `${action} of a ${large}-sentence document costs the position update plus what it changes`,
        isPassed: rest <= smallSeconds[action] + 0.5,
        detail: `${ms(largeSeconds[action])} = ${ms(largeSeconds.floor)} positions + ${ms(rest)}; the ${small} document's ${action}: ${ms(smallSeconds[action])}`,
      });
    }
    // The answer lists what changed, never the whole document.
    const [smallBytes, largeBytes] = [answerBytesBySize.get(small)!, answerBytesBySize.get(large)!];
    checks.push({
      name: `the split's answer on a ${large}-sentence document is no larger than on a ${small}-sentence one`,
      isPassed: largeBytes <= smallBytes * 1.5,
      detail: `${largeBytes} bytes against ${smallBytes}`,
    });
    return { rows, checks };
  } finally {
    await server.stop();
  }
}

/**
 * A document of `count` short sentences written straight into the database (an import would
 * refuse a body this long); returns its second sentence and where to split it.
 */
async function writeDocument(
  db: Database,
  count: number,
): Promise<{ documentId: string; sentenceId: string; at: number }> {
  const texts = Array.from({ length: count }, (_, index) => `Kim said item ${index} was ready.`);
  const body = texts.join(' ');
  const [project] = await db.select({ id: projects.id }).from(projects).where(eq(projects.slug, 'bench'));
  const [document] = await db
    .insert(documents)
    .values({
      projectId: project!.id,
      title: `${count} sentences`,
      body,
      bodySha256: `bench-${count}-${Date.now()}`,
    })
    .returning({ id: documents.id });
  let start = 0;
  const rows = texts.map((text, position) => {
    const row = {
      documentId: document!.id,
      position,
      start,
      end: start + text.length,
      kind: 'sentence' as const,
      text,
    };
    start += text.length + 1;
    return row;
  });
  for (let offset = 0; offset < rows.length; offset += 5_000) {
    await db.insert(sentences).values(rows.slice(offset, offset + 5_000));
  }
  const [, second] = await db
    .select({ id: sentences.id, start: sentences.start })
    .from(sentences)
    .where(eq(sentences.documentId, document!.id))
    .orderBy(asc(sentences.position))
    .limit(2);
  return { documentId: document!.id, sentenceId: second!.id, at: second!.start + 'Kim said'.length };
}

/** The floor: the statement a split uses to move the later sentences, alone. */
async function shiftPositions(db: Database, documentId: string, after: number, delta: number): Promise<void> {
  await db
    .update(sentences)
    .set({ position: sql`${sentences.position} + ${delta}` })
    .where(and(eq(sentences.documentId, documentId), gt(sentences.position, after)));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function ms(seconds: number): string {
  return `${(seconds * 1000).toFixed(0)} ms`;
}

export const splitMergeSuite: BenchSuite = {
  name: 'split-merge',
  description: 'splitting and merging a sentence near the start of a 1k and a 100k-sentence document',
  run: runSplitMerge,
};
