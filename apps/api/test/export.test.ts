// Dataset exports read back with DuckDB (JSON lines, CSV, Parquet) and compared with the database.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type DatasetRow,
  type DocumentDetail,
  datasetFieldNames,
  type ImportResult,
  toCodePointOffsets,
} from '@attest/core';
import {
  annotations,
  documentStrip,
  documents,
  findDocumentProjectId,
  projects,
  sentences,
} from '@attest/db';
import { testEngines } from '@attest/db/testing';
import { and, count, eq, ne, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { duckdb } from './duckdb.ts';
import {
  addMember,
  createBulkProject,
  createTestApp,
  expectProblem,
  type TestApp,
  type TestUser,
} from './helpers.ts';

let testApp: TestApp;
let workDir: string;
let documentId: string;
let otherDocumentId: string;
let analysts: [TestUser, TestUser];
let reviewer: TestUser;

const body = `Rocket 🚀 report headline

The KCNA said the launch 🚀 succeeded. Analysts said it may have failed. =SUM(A1) was typed by a reporter.

-5 degrees was the temperature, officials said. It added that more tests would follow.
`;

// The same assertions on both engines: PGlite pages rows, PostgreSQL streams COPY's bytes.
for (const engine of testEngines())
  describe(`dataset exports on ${engine}`, () => {
    beforeAll(async () => {
      workDir = await mkdtemp(path.join(tmpdir(), 'attest-export-'));
      testApp = await createTestApp({}, engine);
      await testApp.owner.json('POST', '/api/projects', {
        slug: 'data',
        name: 'Data',
        annotatorsPerDocument: 2,
      });
      analysts = [
        await addMember(testApp, 'data', 'analyst', 'Ann A'),
        await addMember(testApp, 'data', 'analyst', 'Bo B'),
      ];
      reviewer = await addMember(testApp, 'data', 'reviewer', 'Rex R');
      documentId = await importDocument('data', {
        body,
        outlet: 'Test Wire',
        url: 'https://example.org/rocket',
        publishedAt: '2024-07-27',
      });
      otherDocumentId = await importDocument('data', {
        title: '=HYPERLINK("https://example.org")',
        body: 'A later headline\n\nThe ministry announced a new plan. Experts doubted it.\n',
        publishedAt: '2024-09-01',
      });
      const detail = (await (
        await analysts[0].request(`/api/documents/${documentId}`)
      ).json()) as DocumentDetail;
      const annotatable = detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate');
      const annLabels = [
        'reported_fact',
        'kcna_claim',
        'observer_inference',
        'reported_fact',
        'reported_fact',
      ];
      const boLabels = ['reported_fact', 'kcna_claim', 'observer_inference', 'observer_inference'];
      for (const [index, sentence] of annotatable.entries()) {
        // The cue on the KCNA sentence sits after the emoji in the headline: code points differ.
        const kcna = sentence.text.indexOf('KCNA');
        const cues =
          kcna >= 0 ? [{ start: sentence.start + kcna, end: sentence.start + kcna + 4, kind: 'source' }] : [];
        for (const [analyst, labels] of [
          [analysts[0], annLabels],
          [analysts[1], boLabels],
        ] as const) {
          const label = labels[index];
          if (!label) continue;
          const saved = await analyst.json('PUT', `/api/sentences/${sentence.id}/annotation`, {
            label,
            source: kcna >= 0 ? 'KCNA' : null,
            chain: kcna >= 0 ? ['Test Wire', 'KCNA'] : [],
            cues,
          });
          if (saved.status >= 300) throw new Error(`Saving failed: ${await saved.text()}`);
        }
      }
      await reviewer.json('PUT', `/api/sentences/${annotatable[3]!.id}/adjudication`, {
        label: 'observer_inference',
      });
    }, 60_000);

    afterAll(async () => {
      await testApp?.database.destroy();
      await rm(workDir, { recursive: true, force: true });
    });

    /** Annotatable sentences of the project (the first start also seeds a demo project). */
    /** Imports a document through the API as the owner; answers its id. */
    async function importDocument(projectSlug: string, fields: Record<string, string>): Promise<string> {
      const response = await testApp.owner.json('POST', `/api/projects/${projectSlug}/documents`, fields);
      if (response.status !== 201)
        throw new Error(`Import failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as ImportResult).document.id;
    }

    /**
     * A project of 10 documents × 30 identical sentences, written by SQL (no suggestions, no
     * labels): the sentence repeats a 50-character clause `repeats` times. Answers its text.
     */
    async function createProjectOf300Sentences(slug: string, repeats: number): Promise<string> {
      const sentenceText = 'The ministry said the figures were checked twice. '.repeat(repeats).trim();
      await createBulkProject(testApp, slug, { documents: 10, sentencesPerDocument: 30, sentenceText });
      return sentenceText;
    }

    async function annotatableCount(): Promise<number> {
      const [row] = await testApp.database.db
        .select({ total: count() })
        .from(sentences)
        .innerJoin(documents, eq(documents.id, sentences.documentId))
        .innerJoin(projects, eq(projects.id, documents.projectId))
        .where(and(ne(sentences.kind, 'boilerplate'), eq(projects.slug, 'data')));
      return row!.total;
    }

    async function download(query: string, user: TestUser = testApp.owner): Promise<Response> {
      const response = await user.request(`/api/projects/data/export?${query}`);
      if (response.status !== 200)
        throw new Error(`Export failed: ${response.status} ${await response.text()}`);
      return response;
    }

    async function jsonl(query: string): Promise<DatasetRow[]> {
      const text = await (await download(query)).text();
      return text
        .trimEnd()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as DatasetRow);
    }

    async function saveTo(name: string, response: Response): Promise<string> {
      const file = path.join(workDir, name);
      await writeFile(file, new Uint8Array(await response.arrayBuffer()));
      return file;
    }

    describe('GET /api/projects/:slug/export', () => {
      it("writes the keys of the field table, in the table's order, in every line of both scopes", async () => {
        for (const scope of ['gold', 'annotations']) {
          const text = await (await download(`format=jsonl&scope=${scope}`)).text();
          const lines = text.trimEnd().split('\n');
          expect(lines.length).toBeGreaterThan(0);
          for (const line of lines)
            expect(Object.keys(JSON.parse(line) as object)).toEqual(datasetFieldNames);
        }
      });

      it('answers one gold row per annotatable sentence with the gold label of the reports', async () => {
        const rows = await jsonl('format=jsonl&scope=gold');
        const annotatable = await annotatableCount();
        expect(rows).toHaveLength(annotatable);
        const { db } = testApp.database;
        const projectId = (await findDocumentProjectId(db, { documentId }))!;
        const strip = await documentStrip(db, { projectId, documentId });
        const ofDocument = rows.filter((row) => row.document_id === documentId);
        expect(ofDocument.map((row) => [row.position, row.label, row.status])).toEqual(
          strip.map((entry) => [entry.position, entry.gold, entry.status]),
        );
        expect(ofDocument.map((row) => row.status)).toEqual([
          'agreed',
          'agreed',
          'agreed',
          'adjudicated',
          'single',
        ]);
        const kcna = ofDocument[1]!;
        expect(kcna).toMatchObject({
          schema_version: 4,
          scope: 'gold',
          project: 'data',
          outlet: 'Test Wire',
          url: 'https://example.org/rocket',
          published_at: '2024-07-27T00:00:00.000Z',
          label: 'kcna_claim',
          label_name: 'KCNA claim',
          source: 'KCNA',
          chain: ['Test Wire', 'KCNA'],
          annotator: null,
          annotation_count: 2,
          agreement: 1,
          guidelines_version: 1,
          claim_id: null,
          claim_ids: [],
        });
        expect(kcna.body_sha256).toMatch(/^[0-9a-f]{64}$/);
        // One emoji precedes the sentence: code-point offsets are one less than UTF-16 offsets.
        expect(kcna.start_cp).toBe(kcna.start - 1);
        expect(kcna.end_cp).toBe(kcna.end - 2);
        expect(kcna.cues).toEqual([
          {
            start: kcna.start + 4,
            end: kcna.start + 8,
            start_cp: kcna.start_cp + 4,
            end_cp: kcna.start_cp + 8,
            kind: 'source',
            text: 'KCNA',
          },
        ]);
        expect(kcna.annotations.map((annotation) => annotation.annotator)).toEqual([
          'annotator-1',
          'annotator-2',
        ]);
        const adjudicated = ofDocument[3]!;
        expect(adjudicated).toMatchObject({
          label: 'observer_inference',
          adjudicator: 'annotator-3',
          agreement: 0.5,
        });
        expect(adjudicated.adjudicated_at).not.toBeNull();
      });

      it('answers one row per analyst per sentence in the annotations scope, with e-mails on request', async () => {
        const rows = await jsonl('scope=annotations&annotators=emails');
        const [stored] = await testApp.database.db.select({ total: count() }).from(annotations);
        expect(rows).toHaveLength(stored!.total);
        expect(new Set(rows.map((row) => row.annotator))).toEqual(
          new Set(['ann.a@example.org', 'bo.b@example.org']),
        );
        const disputed = rows.filter((row) => row.status === 'adjudicated');
        expect(disputed.map((row) => row.label).sort()).toEqual(['observer_inference', 'reported_fact']);
        expect(disputed.every((row) => row.adjudicator === 'rex.r@example.org')).toBe(true);
        expect(rows.every((row) => row.created_at && row.updated_at)).toBe(true);
      });

      it('filters by document set, status, label and publication dates', async () => {
        expect(
          (await jsonl(`documents=${otherDocumentId}`)).every((row) => row.document_id === otherDocumentId),
        ).toBe(true);
        expect((await jsonl('status=single,adjudicated')).map((row) => row.status).sort()).toEqual([
          'adjudicated',
          'single',
        ]);
        expect((await jsonl('label=kcna_claim')).map((row) => row.label)).toEqual(['kcna_claim']);
        const later = await jsonl('published_from=2024-08-01');
        expect(later.length).toBeGreaterThan(0);
        expect(later.every((row) => row.document_id === otherDocumentId)).toBe(true);
        const earlier = await jsonl('published_to=2024-07-27');
        expect(earlier.every((row) => row.document_id === documentId)).toBe(true);
        const annotated = await jsonl('scope=annotations&label=reported_fact');
        expect(annotated.every((row) => row.label === 'reported_fact')).toBe(true);
        expect(annotated).toHaveLength(4);
      });

      it('writes JSON lines that DuckDB reads back as the same rows', async () => {
        const response = await download('format=jsonl&scope=annotations');
        expect(response.headers.get('content-type')).toContain('application/x-ndjson');
        const text = await response.clone().text();
        const file = await saveTo('data.jsonl', response);
        const expected = text
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as DatasetRow);
        const read = await duckdb(
          `select sentence_id, annotator, label, start_cp::int as start_cp, end_cp::int as end_cp, text, chain, agreement from read_json_auto('${file}') order by document_id, position, annotator`,
        );
        const sorted = [...expected].sort((a, b) =>
          `${a.document_id}${String(a.position).padStart(6, '0')}${a.annotator}`.localeCompare(
            `${b.document_id}${String(b.position).padStart(6, '0')}${b.annotator}`,
          ),
        );
        expect(read).toEqual(
          sorted.map((row) => ({
            sentence_id: row.sentence_id,
            annotator: row.annotator,
            label: row.label,
            start_cp: row.start_cp,
            end_cp: row.end_cp,
            text: row.text,
            chain: row.chain,
            agreement: row.agreement,
          })),
        );
      });

      it('writes RFC 4180 CSV that DuckDB reads back, with formula-like cells neutralised', async () => {
        const rows = await jsonl('format=jsonl');
        const response = await download('format=csv');
        expect(response.headers.get('content-type')).toContain('text/csv');
        const text = await response.clone().text();
        expect(text.split('\r\n')[0]).toBe(
          'schema_version,scope,project,document_id,title,outlet,url,published_at,body_sha256,sentence_id,position,kind,start,end,start_cp,end_cp,text,label,label_name,status,gold_label,source,chain,cues,note,annotator,annotations,annotation_count,agreement,adjudicator,adjudication_note,suggested_label,suggestion_confidence,suggestion_rule,suggestion_relation,suggestion_version,created_at,updated_at,adjudicated_at,guidelines_version,claim_id,claim_ids',
        );
        const file = await saveTo('data.csv', response);
        const read = await duckdb(
          `select sentence_id, title, text, label, start, cues from read_csv('${file}', header = true, all_varchar = true)`,
        );
        expect(read).toHaveLength(rows.length);
        const bySentence = new Map(read.map((row) => [row['sentence_id'], row]));
        for (const row of rows) {
          const cell = bySentence.get(row.sentence_id)!;
          const isFormula = /^[=+\-@]/.test(row.text);
          expect(cell['text']).toBe(isFormula ? `'${row.text}` : row.text);
          expect(cell['label'] ?? null).toBe(row.label);
          expect(Number(cell['start'])).toBe(row.start);
          expect(JSON.parse(cell['cues'] as string)).toEqual(row.cues);
        }
        expect(read.some((row) => row['title'] === `'=HYPERLINK("https://example.org")`)).toBe(true);
        expect(read.some((row) => String(row['text']).startsWith("'-5 degrees"))).toBe(true);
      });

      it('writes Parquet that DuckDB reads back with typed columns', async () => {
        const rows = await jsonl('format=jsonl&scope=annotations');
        const response = await download('format=parquet&scope=annotations');
        const file = await saveTo('data.parquet', response);
        const read = await duckdb(
          `select sentence_id, annotator, text, label, position, start_cp, agreement, suggestion_relation, suggestion_version, published_at::varchar as published_at, cues::varchar as cues from read_parquet('${file}')`,
        );
        expect(read).toHaveLength(rows.length);
        const key = (row: { sentence_id: unknown; annotator: unknown }) =>
          `${row.sentence_id}/${row.annotator}`;
        const byKey = new Map(read.map((row) => [key(row as never), row]));
        for (const row of rows) {
          const cell = byKey.get(key(row))!;
          expect(cell).toMatchObject({
            text: row.text,
            label: row.label,
            position: row.position,
            start_cp: row.start_cp,
            agreement: row.agreement,
            suggestion_relation: row.suggestion_relation,
            suggestion_version: row.suggestion_version,
          });
          expect(JSON.parse(cell['cues'] as string)).toEqual(row.cues);
          if (row.published_at)
            expect(
              new Date(
                `${String(cell['published_at'])}Z`.replace(' ', 'T').replace('+00Z', 'Z'),
              ).toISOString(),
            ).toBe(row.published_at);
        }
        const metadata = await duckdb(`select num_rows from parquet_file_metadata('${file}')`);
        expect(Number(metadata[0]!['num_rows'])).toBe(rows.length);
      });

      it('bundles the data, the documents and a dataset card in a zip', async () => {
        const response = await download('format=zip&scope=gold');
        expect(response.headers.get('content-type')).toBe('application/zip');
        const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
        expect(Object.keys(entries).sort()).toEqual(
          ['README.md', 'data-gold.csv', 'data-gold.jsonl', 'data-gold.parquet', 'documents.jsonl'].sort(),
        );
        const rows = strFromU8(entries['data-gold.jsonl']!).trimEnd().split('\n');
        const card = strFromU8(entries['README.md']!);
        expect(card.startsWith('---\npretty_name:')).toBe(true);
        expect(card).toContain(`| rows | ${rows.length} |`);
        expect(card).toContain('| documents | 2 |');
        expect(card).toContain('| kcna_claim |');
        expect(card).toContain('`start_cp, end_cp`');
        const documentsFile = strFromU8(entries['documents.jsonl']!)
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line));
        expect(documentsFile.find((document) => document.document_id === documentId).body).toBe(body);
      });

      it('serves the dataset card alone', async () => {
        const card = await (await download('format=card&scope=annotations')).text();
        expect(card).toMatch(/^---\n[\s\S]*\n---\n/);
        expect(card).toContain('One row per analyst per sentence.');
      });

      it('is for owners and reviewers only, and refuses unknown filters', async () => {
        await expectProblem(await analysts[0].request('/api/projects/data/export'), 403);
        const reviewerExport = await reviewer.request('/api/projects/data/export?format=csv');
        expect(reviewerExport.status).toBe(200);
        // Read to the end: an export holds one of the account's places until its client is done.
        await reviewerExport.text();
        await expectProblem(await testApp.owner.request('/api/projects/data/export?format=xml'), 422);
        await expectProblem(await testApp.owner.request('/api/projects/data/export?status=maybe'), 422);
      });

      it('stops reading when the client goes away after the first chunk', async () => {
        const response = await download('format=jsonl');
        const reader = response.body!.getReader();
        const first = await reader.read();
        expect(first.done).toBe(false);
        await reader.cancel();
        // The app still answers afterwards: nothing was left holding the database.
        const card = await testApp.owner.request('/api/projects/data/export?format=card');
        expect(card.status).toBe(200);
        await card.text();
      });

      it('gives the database connection back each time a client leaves in the middle of a page', async () => {
        // 300 sentences of about a kilobyte each: the first page (250 sentences) is far more
        // than one chunk, so every client below leaves with most of a page still unread.
        const sentenceText = await createProjectOf300Sentences('bulk', 20);
        // More departures than the pool has connections: one left behind mid-COPY each time
        // would leave the last export (and the rest of the app) waiting for ever.
        // A departed export gives its place back once its statement has ended: wait for that, so
        // the per-account limit (2 at once) measures the places, not the order of events.
        const untilNoExportRuns = () =>
          vi.waitFor(
            async () => {
              const readiness = (await (await testApp.anonymous.request('/readyz')).json()) as {
                exports: { active: number };
              };
              expect(readiness.exports.active).toBe(0);
            },
            { timeout: 10_000, interval: 25 },
          );
        for (let departure = 0; departure < 12; departure++) {
          await untilNoExportRuns();
          const response = await testApp.owner.request('/api/projects/bulk/export?format=jsonl');
          expect(response.status).toBe(200);
          const reader = response.body!.getReader();
          const first = await reader.read();
          // PGlite answers a page whole; PostgreSQL's COPY streams it.
          if (engine === 'postgres') expect(first.value!.byteLength).toBeLessThan(250 * sentenceText.length);
          await reader.cancel();
        }
        await untilNoExportRuns();
        const whole = await (await testApp.owner.request('/api/projects/bulk/export?format=jsonl')).text();
        expect(whole.trimEnd().split('\n')).toHaveLength(300);
      });

      // PGlite answers each page whole, so there is no statement left running to stop.
      if (engine === 'postgres')
        it('cancels the statement of the page in flight when the client leaves', async () => {
          // 250 sentences of 20 kB: PostgreSQL is still writing the first page when the client
          // goes, as its 5 MB cannot all wait in the connection's buffers.
          await createProjectOf300Sentences('wide', 400);
          const rollbacks = async () => {
            const [row] = (await testApp.database.db.execute(
              sql`select xact_rollback::int as count from pg_stat_database where datname = current_database()`,
            )) as unknown as { count: number }[];
            return row!.count;
          };
          const before = await rollbacks();
          const response = await testApp.owner.request('/api/projects/wide/export?format=jsonl');
          const reader = response.body!.getReader();
          expect((await reader.read()).done).toBe(false);
          await reader.cancel();
          // A cancelled statement rolls its transaction back, which PostgreSQL counts within a second or so.
          await expect.poll(rollbacks, { timeout: 10_000, interval: 250 }).toBeGreaterThan(before);
          const whole = await (await testApp.owner.request('/api/projects/wide/export?format=jsonl')).text();
          expect(whole.trimEnd().split('\n')).toHaveLength(300);
        });

      // PGlite reads each page as it stands: a snapshot would hold its one connection against saves.
      if (engine === 'postgres')
        it('reads every file of a zip from one snapshot, so they agree while others edit', async () => {
          await createBulkProject(testApp, 'snap', {
            documents: 10,
            sentencesPerDocument: 200,
            sentenceText: 'The ministry said the figures were checked twice.',
          });
          const response = await testApp.owner.request('/api/projects/snap/export?format=zip&scope=gold');
          expect(response.status).toBe(200);
          const reader = response.body!.getReader();
          const chunks: Uint8Array[] = [];
          const first = await reader.read();
          expect(first.done).toBe(false);
          chunks.push(first.value!);
          // While the first file streams, half the documents are archived (so left out of any
          // export that reads after this) and a new one arrives.
          await testApp.database.db.execute(sql`
            update documents set archived_at = now()
            where id in (select d.id from documents d join projects p on p.id = d.project_id
              where p.slug = 'snap' order by d.created_at, d.id limit 5)`);
          await importDocument('snap', { body: 'A document added during the export. It has two sentences.' });
          for (let read = await reader.read(); !read.done; read = await reader.read())
            chunks.push(read.value);
          const entries = unzipSync(new Uint8Array(Buffer.concat(chunks)));
          const lines = strFromU8(entries['snap-gold.jsonl']!)
            .trimEnd()
            .split('\n')
            .map((line) => JSON.parse(line) as DatasetRow);
          expect(lines).toHaveLength(2000);
          const documentIds = [...new Set(lines.map((row) => row.document_id))].sort();
          expect(documentIds).toHaveLength(10);
          const csv = strFromU8(entries['snap-gold.csv']!).trimEnd().split('\r\n');
          expect(csv).toHaveLength(2001);
          const csvFile = path.join(workDir, 'snap.csv');
          await writeFile(csvFile, entries['snap-gold.csv']!);
          const csvIds = await duckdb(
            `select distinct document_id::text as id from read_csv('${csvFile}', header = true) order by id`,
          );
          expect(csvIds.map((row) => row['id'])).toEqual(documentIds);
          const parquetFile = path.join(workDir, 'snap.parquet');
          await writeFile(parquetFile, entries['snap-gold.parquet']!);
          const parquetIds = await duckdb(
            `select distinct document_id as id from read_parquet('${parquetFile}') order by id`,
          );
          expect(parquetIds.map((row) => row['id'])).toEqual(documentIds);
          const documentsFile = strFromU8(entries['documents.jsonl']!)
            .trimEnd()
            .split('\n')
            .map((line) => (JSON.parse(line) as { document_id: string }).document_id)
            .sort();
          expect(documentsFile).toEqual(documentIds);
          expect(strFromU8(entries['README.md']!)).toContain('| documents | 10 |');
        });

      it('ends the snapshot of a zip and gives its connection back each time a client leaves', async () => {
        await createProjectOf300Sentences('zipped', 20);
        // More departures than the export pool has connections: a snapshot left open would
        // hold one each time and leave the last export waiting for ever.
        for (let departure = 0; departure < 6; departure++) {
          await vi.waitFor(
            async () => {
              const readiness = (await (await testApp.anonymous.request('/readyz')).json()) as {
                exports: { active: number };
              };
              expect(readiness.exports.active).toBe(0);
            },
            { timeout: 10_000, interval: 25 },
          );
          const response = await testApp.owner.request('/api/projects/zipped/export?format=zip');
          expect(response.status).toBe(200);
          const reader = response.body!.getReader();
          expect((await reader.read()).done).toBe(false);
          await reader.cancel();
        }
        const whole = await (
          await testApp.owner.request('/api/projects/zipped/export?format=zip')
        ).arrayBuffer();
        const lines = strFromU8(unzipSync(new Uint8Array(whole))['zipped-gold.jsonl']!)
          .trimEnd()
          .split('\n');
        expect(lines).toHaveLength(300);
      });
    });

    describe('dataset row paging', () => {
      async function exported(scope: 'gold' | 'annotations', batchSize?: number): Promise<DatasetRow[]> {
        const { exportRows } = await import('../src/services/export-rows.ts');
        const { operatorContext } = await import('../src/services/context.ts');
        const rows: DatasetRow[] = [];
        const options = { scope, filters: {}, pseudonymise: true, batchSize };
        for await (const row of exportRows(operatorContext(testApp.database.db), 'data', options))
          rows.push(row);
        return rows;
      }

      it('pages through sentences in batches without losing or repeating any', async () => {
        const all = await exported('gold', 2);
        const annotatable = await annotatableCount();
        expect(all).toHaveLength(annotatable);
        expect(new Set(all.map((row) => row.sentence_id)).size).toBe(all.length);
        expect(all).toEqual(await exported('gold'));
      });

      it('keeps every analyst of a sentence on the same page in the annotations scope', async () => {
        // Two lines for most sentences, one for some: pages of one sentence end mid-way in lines.
        const whole = await exported('annotations');
        const [stored] = await testApp.database.db.select({ total: count() }).from(annotations);
        expect(whole).toHaveLength(stored!.total);
        for (const batchSize of [1, 2, 3]) expect(await exported('annotations', batchSize)).toEqual(whole);
      });
    });

    describe('code-point offsets', () => {
      it('counts each character outside the Basic Multilingual Plane once, in sentences and cues', async () => {
        await testApp.owner.json('POST', '/api/projects', { slug: 'astral', name: 'Astral' });
        const analyst = await addMember(testApp, 'astral', 'analyst', 'Cy C');
        const astralBody =
          'Flags 🇰🇷 and 🇰🇵 meet\n\n𝒜 KCNA said 😀 the 🚀 rose. Then 北 said 𝔘𝔫𝔦 news 🎉 came.\n\nA plain 😀😀 tail here.\n';
        const astralDocumentId = await importDocument('astral', { body: astralBody });
        const detail = (await (
          await analyst.request(`/api/documents/${astralDocumentId}`)
        ).json()) as DocumentDetail;
        for (const sentence of detail.sentences.filter((entry) => entry.kind !== 'boilerplate')) {
          // The first and the last word of the sentence, emoji and all.
          const first = /\S+/.exec(sentence.text)!;
          const last = /\S+$/.exec(sentence.text.trimEnd())!;
          const cues = [first, last].map((match) => ({
            start: sentence.start + match.index,
            end: sentence.start + match.index + match[0].length,
            kind: 'other',
          }));
          const saved = await analyst.json('PUT', `/api/sentences/${sentence.id}/annotation`, {
            label: 'reported_fact',
            cues: first.index === last.index ? cues.slice(0, 1) : cues,
          });
          if (saved.status >= 300) throw new Error(`Saving failed: ${await saved.text()}`);
        }
        const response = await testApp.owner.request(
          '/api/projects/astral/export?format=jsonl&scope=annotations',
        );
        const rows = (await response.text())
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as DatasetRow);
        expect(rows.length).toBeGreaterThanOrEqual(3);
        for (const row of rows) {
          expect([row.start_cp, row.end_cp]).toEqual(toCodePointOffsets(astralBody, [row.start, row.end]));
          expect(row.cues.length).toBeGreaterThan(0);
          for (const cue of row.cues) {
            expect(cue.text).toBe(astralBody.slice(cue.start, cue.end));
            expect([cue.start_cp, cue.end_cp]).toEqual(toCodePointOffsets(astralBody, [cue.start, cue.end]));
          }
        }
        // Offsets differ from UTF-16 after the first flag: the check above compared real work.
        expect(rows.at(-1)!.start_cp).toBeLessThan(rows.at(-1)!.start);
      });
    });
  });
