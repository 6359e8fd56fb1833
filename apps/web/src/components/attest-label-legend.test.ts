// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { LabelChangeEvent } from '../events/label-change-event.ts';
import { buttonNamed, labels, mount, textOf, update } from '../test/mount.ts';
import './attest-label-legend.ts';

describe('attest-label-legend', () => {
  it('shows each label with its hotkey and count, the current one pressed', async () => {
    const element = await mount('attest-label-legend', {
      labels,
      counts: new Map([['claim', 4]]),
      current: 'claim',
    });
    const claim = buttonNamed(element, /^1 Claim/);
    const fact = buttonNamed(element, /^2 Fact/);
    expect(textOf(claim)).toBe('1 Claim , tagged 4');
    expect(textOf(fact)).toBe('2 Fact , tagged 0');
    expect(claim?.getAttribute('aria-pressed')).toBe('true');
    expect(fact?.getAttribute('aria-pressed')).toBe('false');
    expect(claim?.getAttribute('aria-keyshortcuts')).toBe('1');
  });

  it('fires attest-label-change with the label pressed, and null for Clear', async () => {
    const element = await mount('attest-label-legend', { labels, current: 'claim' });
    const chosen: (string | null)[] = [];
    element.addEventListener(LabelChangeEvent.eventName, (event) => chosen.push(event.label));
    buttonNamed(element, /Fact/)?.click();
    buttonNamed(element, /Clear/)?.click();
    expect(chosen).toEqual(['fact', null]);
  });

  it('disables Clear while the sentence is untagged, and every button when disabled', async () => {
    const element = await mount('attest-label-legend', { labels, current: null });
    expect(buttonNamed(element, /Clear/)?.disabled).toBe(true);
    expect(buttonNamed(element, /Claim/)?.disabled).toBe(false);
    await update(element, { disabled: true, current: 'fact' });
    const buttons = [...(element.shadowRoot?.querySelectorAll('button') ?? [])];
    expect(buttons.every((button) => button.disabled)).toBe(true);
  });
});
