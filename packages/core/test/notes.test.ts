import { describe, expect, it } from 'vitest';
import { joinNotes, noteMaxLength, shortenedNoteMarker } from '../src/index.ts';

describe('joinNotes', () => {
  it('keeps the one note there is, and one copy of a note both parts share', () => {
    expect(joinNotes(null, null)).toBeNull();
    expect(joinNotes('first', null)).toBe('first');
    expect(joinNotes(null, 'second')).toBe('second');
    expect(joinNotes('same', 'same')).toBe('same');
    expect(joinNotes('first', 'second')).toBe('first\nsecond');
  });

  it('never exceeds the note limit, however often notes are joined', () => {
    let note = 'x'.repeat(noteMaxLength);
    for (let cycle = 0; cycle < 8; cycle++) note = joinNotes(note, `${note}y`) ?? '';
    expect(note.length).toBeLessThanOrEqual(noteMaxLength);
    expect(note.endsWith(shortenedNoteMarker)).toBe(true);
  });

  it('does not cut a character in half', () => {
    const emoji = '🚀'.repeat(noteMaxLength);
    const joined = joinNotes(emoji, 'second') ?? '';
    expect(joined.length).toBeLessThanOrEqual(noteMaxLength);
    expect(joined.replace(shortenedNoteMarker, '')).toMatch(/^(🚀)+$/u);
  });
});
