import { describe, expect, it } from 'vitest';
import { importFileKind } from '../src/import-kinds.ts';
import { findUnstorableString, storableString, unstorableCharacter } from '../src/text.ts';

describe('unstorableCharacter', () => {
  it('accepts well-formed text, emoji and right-to-left text included', () => {
    expect(unstorableCharacter('Launch 🚀 — مرحبا')).toBeUndefined();
  });

  it('names a NUL and a lone surrogate of either half with their offsets', () => {
    expect(unstorableCharacter('ab\u0000')).toMatch(/NUL character \(U\+0000\) at offset 2/);
    expect(unstorableCharacter('a\uD83D')).toMatch(/lone UTF-16 surrogate \(U\+D83D\) at offset 1/);
    expect(unstorableCharacter('\uDE80a')).toMatch(/lone UTF-16 surrogate \(U\+DE80\) at offset 0/);
  });

  it('refuses through the shared zod string and finds the path in a parsed body', () => {
    expect(storableString().safeParse('fine').success).toBe(true);
    expect(storableString().safeParse('bad\u0000').success).toBe(false);
    expect(findUnstorableString({ cues: [], note: { text: ['ok', 'x\uD800'] } })?.path).toBe('note.text.1');
  });
});

describe('importFileKind', () => {
  it('reads the listed kinds by extension, whatever their case', () => {
    expect(['a.TXT', 'b.md', 'c.jsonl', 'd.ndjson', 'e.csv', 'f.zip'].map(importFileKind)).toEqual([
      'txt',
      'txt',
      'jsonl',
      'jsonl',
      'csv',
      'zip',
    ]);
  });

  it('refuses a .json file saying what it expected, and any other kind by name', () => {
    expect(importFileKind('gold.json')).toEqual({ refused: expect.stringMatching(/save it as \.jsonl/) });
    expect(importFileKind('scan.pdf')).toEqual({
      refused: expect.stringMatching(/^A \.pdf file is not imported/),
    });
    expect(importFileKind('README')).toEqual({
      refused: expect.stringMatching(/^A file without an extension/),
    });
  });
});
