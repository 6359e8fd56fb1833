import { describe, expect, it } from 'vitest';
import { fileNameOf, RowCounter } from './dataset-transfer.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('RowCounter', () => {
  it('counts JSON lines rows across chunk boundaries', () => {
    const counter = new RowCounter('jsonl');
    counter.add(bytes('{"text":"a"}\n{"text":'));
    expect(counter.rows).toBe(1);
    counter.add(bytes('"b"}\n'));
    expect(counter.rows).toBe(2);
  });

  it('counts CSV records without the header or newlines inside quoted cells', () => {
    const counter = new RowCounter('csv');
    counter.add(bytes('text,label\r\n"two\r\nlines, ""quoted""",kcna_claim\r\n"sp'));
    counter.add(bytes('lit",\r\n'));
    expect(counter.rows).toBe(2);
  });
});

describe('fileNameOf', () => {
  it('reads quoted and bare file names', () => {
    expect(fileNameOf('attachment; filename="demo-gold.jsonl"')).toBe('demo-gold.jsonl');
    expect(fileNameOf('attachment; filename=README.md')).toBe('README.md');
    expect(fileNameOf(null)).toBeUndefined();
  });
});
