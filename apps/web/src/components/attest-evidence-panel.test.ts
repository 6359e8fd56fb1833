// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { EvidenceChangeEvent } from '../events/evidence-change-event.ts';
import { SentenceActionEvent } from '../events/sentence-action-event.ts';
import { buttonNamed, labels, mount, sentenceOf, textOf } from '../test/mount.ts';
import type { AnnotationDraft } from './attest-evidence-panel.ts';
import './attest-evidence-panel.ts';

const sentence = sentenceOf(2, 'The minister said the dam was finished.', { start: 200 });
const annotation: AnnotationDraft = {
  label: 'claim',
  source: 'the minister',
  chain: ['ministry', 'minister'],
  cues: [{ start: 213, end: 217, kind: 'reporting_verb' }],
  note: null,
  suggestion: null,
};

function heading(element: HTMLElement): string {
  return textOf(element.shadowRoot?.querySelector('h2'));
}

describe('attest-evidence-panel', () => {
  it('asks for a selection when no sentence is selected', async () => {
    const element = await mount('attest-evidence-panel');
    expect(textOf(element.shadowRoot)).toBe('Select a sentence to see its evidence.');
  });

  it("shows the sentence's label, source, chain and cue words", async () => {
    const element = await mount('attest-evidence-panel', { sentence, labels, annotation });
    const root = element.shadowRoot;
    expect(heading(element)).toBe('Sentence 3');
    expect(textOf(root?.querySelector('.label'))).toBe('Claim');
    expect(root?.querySelector<HTMLInputElement>('#source')?.value).toBe('the minister');
    expect([...(root?.querySelectorAll('.chain li') ?? [])].map(textOf)).toEqual(['ministry', 'minister']);
    expect(textOf(root?.querySelector('.cue'))).toMatch(/^“said”/);
  });

  it('keeps the evidence fields disabled until the sentence is tagged', async () => {
    const element = await mount('attest-evidence-panel', { sentence, labels });
    expect(textOf(element.shadowRoot?.querySelector('.untagged'))).toBe('Untagged');
    expect(element.shadowRoot?.querySelector('fieldset')?.disabled).toBe(true);
  });

  it('lists the warnings about the label', async () => {
    const element = await mount('attest-evidence-panel', {
      sentence,
      labels,
      annotation,
      warnings: [{ id: 'fact-with-hedge', message: 'A fact should not be hedged.' }],
    });
    const warnings = element.shadowRoot?.querySelectorAll('[aria-label="Warnings about the label"] li');
    expect([...(warnings ?? [])].map((item) => item.getAttribute('data-warning'))).toEqual([
      'fact-with-hedge',
    ]);
    expect(textOf(warnings?.[0])).toMatch(/Warning: A fact should not be hedged\.$/);
  });

  it('fires attest-evidence-change when a cue is removed or the source changes', async () => {
    const element = await mount('attest-evidence-panel', { sentence, labels, annotation });
    const changes: EvidenceChangeEvent['change'][] = [];
    element.addEventListener(EvidenceChangeEvent.eventName, (event) => changes.push(event.change));
    buttonNamed(element, '×')?.click();
    const source = element.shadowRoot?.querySelector<HTMLInputElement>('#source');
    if (source) source.value = '  the ministry ';
    source?.dispatchEvent(new Event('change'));
    expect(changes).toEqual([{ cues: [] }, { source: 'the ministry' }]);
  });

  it('offers split and merge only where the user may segment, merge only with a next sentence', async () => {
    const analyst = await mount('attest-evidence-panel', { sentence, labels, annotation });
    expect(buttonNamed(analyst, /^Split/)).toBeUndefined();
    const owner = await mount('attest-evidence-panel', { sentence, labels, annotation, canSegment: true });
    expect(buttonNamed(owner, /^Merge with next/)?.disabled).toBe(true);
    const actions: string[] = [];
    owner.addEventListener(SentenceActionEvent.eventName, (event) => actions.push(event.action));
    buttonNamed(owner, /^Split/)?.click();
    buttonNamed(owner, /^Mark cue/)?.click();
    expect(actions).toEqual(['start-split', 'start-cue']);
  });
});
