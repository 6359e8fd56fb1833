// The dataset field table is the one description of an exported row: docs/datasets.md shows it
// as it is, so a field added to the table without the docs (or the other way) fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  datasetFieldNames,
  datasetFields,
  datasetFieldsMarkdown,
  datasetSchemaVersion,
} from '../src/index.ts';

const docs = readFileSync(new URL('../../../docs/datasets.md', import.meta.url), 'utf8');

describe('dataset field table', () => {
  it('names every field once', () => {
    expect(new Set(datasetFieldNames).size).toBe(datasetFields.length);
  });

  it('is the row schema table of docs/datasets.md, under the current schema version', () => {
    const section = docs.slice(docs.indexOf(`### Row schema, version ${datasetSchemaVersion}\n`));
    expect(section.length).toBeLessThan(docs.length);
    const start = section.indexOf('| field | type | meaning |');
    const table = section.slice(start, section.indexOf('\n\n', start));
    expect(table).toBe(datasetFieldsMarkdown());
  });

  it('shows each field in the Markdown table, in order', () => {
    const shown = datasetFieldsMarkdown()
      .split('\n')
      .slice(2)
      .flatMap((row) => (/^\| `([^`]+)`/.exec(row)?.[1] ?? '').split(', '));
    expect(shown).toEqual([...datasetFieldNames]);
  });
});
