// Parquet files of many row groups, whose footer is put together from bytes kept as each group
// was written, read back the same by hyparquet and DuckDB.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DatasetRow, datasetFields, datasetFieldsOfType } from '@attest/core';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetChunks } from '../src/services/dataset-export.ts';
import { duckdb } from './duckdb.ts';

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'attest-parquet-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** An invented row: every nullable field null in every third row, text of a few scripts. */
function inventedRow(index: number): DatasetRow {
  const row: Record<string, unknown> = {};
  for (const field of datasetFields) {
    if (field.nullable && index % 3 === 1) {
      row[field.name] = null;
      continue;
    }
    switch (field.type) {
      case 'int':
        row[field.name] = index % 997;
        break;
      case 'float':
        row[field.name] = (index % 8) / 8;
        break;
      case 'uuid':
        row[field.name] = `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
        break;
      case 'hex':
        row[field.name] = (index % 40).toString(16).padStart(64, '0');
        break;
      case 'timestamp':
        row[field.name] = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
        break;
      case 'string[]':
        row[field.name] = index % 2 ? ['the harbour office', `clerk ${index}`] : [];
        break;
      case 'cue[]':
        row[field.name] = [{ kind: 'verb', text: 'noted', start: index % 50, end: (index % 50) + 5 }];
        break;
      case 'annotation[]':
        row[field.name] = [{ annotator: `reader-${index % 4}`, label: 'direct_quote', note: 'ça va 🚲' }];
        break;
      default:
        row[field.name] = `${field.name}: the ferry left at dawn, number ${index} — 北 🚲`.repeat(
          1 + (index % 3),
        );
    }
  }
  return row as DatasetRow;
}

async function parquetFile(
  rowCount: number,
): Promise<{ rows: DatasetRow[]; file: string; bytes: Uint8Array }> {
  const rows = Array.from({ length: rowCount }, (_, index) => inventedRow(index));
  async function* batches() {
    for (let start = 0; start < rows.length; start += 700) yield rows.slice(start, start + 700);
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of parquetChunks(batches(), 'gold')) chunks.push(chunk);
  const bytes = new Uint8Array(Buffer.concat(chunks));
  const file = path.join(workDir, `rows-${rowCount}.parquet`);
  await writeFile(file, bytes);
  return { rows, file, bytes };
}

/** A row as a reader gives it back: times as ISO strings again. */
function comparable(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([name, value]) => [name, value instanceof Date ? value.toISOString() : value]),
  );
}

describe('Parquet export footer', () => {
  // 2,500 rows a group: 17 groups need the long form of the row-group list's header, 2 the short.
  for (const rowCount of [41_234, 4_999, 0]) {
    it(`reads back ${rowCount} rows the same with hyparquet and DuckDB`, async () => {
      const { rows, file, bytes } = await parquetFile(rowCount);
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

      const metadata = parquetMetadata(buffer);
      expect(metadata.num_rows).toBe(BigInt(rowCount));
      expect(metadata.row_groups).toHaveLength(Math.ceil(rowCount / 2_500));
      expect(metadata.created_by).toBe('attest');
      expect(metadata.key_value_metadata).toEqual([
        { key: 'attest.schema_version', value: expect.any(String) },
        { key: 'attest.scope', value: 'gold' },
      ]);
      // Text bounds are cut to 64 bytes (JSON ones are kept whole: a cut document is no document).
      const textColumns = new Set(datasetFieldsOfType('string', 'uuid', 'hex'));
      for (const group of metadata.row_groups)
        for (const chunk of group.columns) {
          if (!textColumns.has(chunk.meta_data!.path_in_schema[0] as never)) continue;
          const statistics = chunk.meta_data!.statistics!;
          for (const bound of [statistics.min_value, statistics.max_value])
            if (typeof bound === 'string')
              expect(new TextEncoder().encode(bound).length).toBeLessThanOrEqual(64);
        }

      const read = await parquetReadObjects({ file: buffer });
      expect(read.map(comparable)).toEqual(rows);

      const [counted] = await duckdb(
        `select count(*)::integer as count, count(distinct sentence_id)::integer as sentences from read_parquet('${file}')`,
      );
      expect(counted).toEqual({ count: rowCount, sentences: rowCount });
      if (rowCount === 0) return;
      const last = rows.at(-1)!;
      const [lastRead] = await duckdb(
        `select text, annotations::varchar as annotations, created_at::varchar as created_at from read_parquet('${file}') where sentence_id = '${last.sentence_id}'`,
      );
      expect(lastRead!['text']).toBe(last.text);
      expect(JSON.parse(lastRead!['annotations'] as string)).toEqual(last.annotations);
    });
  }
});
