// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SentenceSelectEvent } from '../events/sentence-select-event.ts';
import { labels, mount, sentenceOf, textOf, update } from '../test/mount.ts';
import './attest-sentence-list.ts';

const sentences = [
  sentenceOf(0, 'Dam finished, state media says', { kind: 'headline' }),
  sentenceOf(1, 'The minister said the dam was finished.'),
  sentenceOf(2, 'Subscribe to our newsletter.', { kind: 'boilerplate' }),
  sentenceOf(3, 'Analysts doubted it.', {
    suggestion: { label: 'fact', confidence: 0.8, source: null, chain: [], cues: [], rule: 'test' },
  }),
];

function options(element: HTMLElement): HTMLElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLElement>('[role="option"]') ?? [])];
}

describe('attest-sentence-list', () => {
  it("is a listbox of the document's sentences, each saying its label and place in the whole", async () => {
    const element = await mount('attest-sentence-list', {
      sentences,
      totalCount: 10,
      labels,
      labelBySentence: new Map([['s1', 'claim']]),
    });
    expect(element.shadowRoot?.querySelector('[role="listbox"]')?.getAttribute('aria-label')).toBe(
      'Sentences',
    );
    const rows = options(element);
    expect(rows.map((row) => row.getAttribute('aria-posinset'))).toEqual(['1', '2', '3', '4']);
    expect(rows.every((row) => row.getAttribute('aria-setsize') === '10')).toBe(true);
    expect(textOf(rows[1]?.querySelector('.visually-hidden'))).toBe('Claim:');
    expect(textOf(rows[1]?.querySelector('.chip'))).toBe('Claim');
    expect(rows[2]?.getAttribute('aria-disabled')).toBe('true');
    expect(textOf(rows[2]?.querySelector('.chip'))).toBe('Not annotated');
    expect(textOf(rows[3]?.querySelector('.visually-hidden'))).toBe('Untagged, suggested Fact:');
  });

  it('marks the selected sentence as the active descendant', async () => {
    const element = await mount('attest-sentence-list', { sentences, labels, selectedId: 's1' });
    const listbox = element.shadowRoot?.querySelector('[role="listbox"]');
    const selected = options(element).find((row) => row.getAttribute('aria-selected') === 'true');
    expect(selected?.dataset['sentenceId']).toBe('s1');
    expect(listbox?.getAttribute('aria-activedescendant')).toBe(selected?.id);
  });

  it('says which sentences are not saved and which were changed elsewhere', async () => {
    const element = await mount('attest-sentence-list', {
      sentences,
      labels,
      unsavedSentenceIds: new Set(['s1']),
      conflictSentenceIds: new Set(['s3']),
    });
    const rows = options(element);
    expect(textOf(rows[1]?.querySelector('.visually-hidden'))).toBe('Untagged, not saved:');
    expect(textOf(rows[1]?.querySelector('.unsaved'))).toBe('Not saved');
    expect(textOf(rows[3]?.querySelector('.conflicted'))).toBe('Changed elsewhere');
  });

  it('fires attest-sentence-select for a click on a sentence, never on boilerplate', async () => {
    const element = await mount('attest-sentence-list', { sentences, labels });
    const selected: string[] = [];
    element.addEventListener(SentenceSelectEvent.eventName, (event) => selected.push(event.sentenceId));
    const rows = options(element);
    rows[3]?.querySelector<HTMLElement>('.text')?.click();
    rows[2]?.querySelector<HTMLElement>('.text')?.click();
    expect(selected).toEqual(['s3']);
  });

  it("shows the analyst's cue words and, in split mode, the caret in the selected sentence", async () => {
    const element = await mount('attest-sentence-list', {
      sentences,
      labels,
      selectedId: 's1',
      selectedCues: [{ start: 113, end: 117, kind: 'reporting_verb' }],
    });
    const text = () => options(element)[1]?.querySelector('.text');
    expect(textOf(text()?.querySelector('mark.analyst'))).toBe('said');
    expect(text()?.querySelector('.caret')).toBeNull();
    await update(element, { mode: 'split', splitPoint: 12 });
    const afterCaret = text()?.querySelector('.caret')?.nextElementSibling as HTMLElement | null;
    expect(afterCaret?.dataset['start']).toBe('12');
    expect(options(element)[1]?.classList.contains('split')).toBe(true);
  });
});
