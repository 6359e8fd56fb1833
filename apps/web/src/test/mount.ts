// For component tests (happy-dom): puts a component on the page with its properties set and
// waits for its first render; finds elements in its shadow root by role-like text.
import type { Label, Sentence } from '@attest/core';
import type { LitElement } from 'lit';
import { afterEach } from 'vitest';

const mounted: HTMLElement[] = [];

afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

export async function mount<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  properties: Partial<HTMLElementTagNameMap[Tag]> = {},
): Promise<HTMLElementTagNameMap[Tag]> {
  const element = Object.assign(document.createElement(tag), properties);
  mounted.push(element);
  document.body.append(element);
  await (element as unknown as LitElement).updateComplete;
  return element;
}

/** Sets properties and waits for the re-render. */
export async function update<Element extends HTMLElement>(
  element: Element,
  properties: Partial<Element>,
): Promise<void> {
  Object.assign(element, properties);
  await (element as unknown as LitElement).updateComplete;
}

/** The buttons of a component's shadow root, by their text (whitespace collapsed). */
export function buttonNamed(element: HTMLElement, name: string | RegExp): HTMLButtonElement | undefined {
  return [...(element.shadowRoot?.querySelectorAll('button') ?? [])].find((button) =>
    typeof name === 'string' ? textOf(button) === name : name.test(textOf(button)),
  );
}

/** An element's text as read, whitespace collapsed. */
export function textOf(node: Element | ShadowRoot | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export const labels: Label[] = [
  { key: 'claim', name: 'Claim', color: '#1570ef', hotkey: '1', description: 'A claim', position: 0 },
  { key: 'fact', name: 'Fact', color: '#067647', hotkey: '2', description: 'A fact', position: 1 },
];

/** A sentence of a made-up document, starting at `start` in its text. */
export function sentenceOf(position: number, text: string, overrides: Partial<Sentence> = {}): Sentence {
  const start = overrides.start ?? position * 100;
  return {
    id: `s${position}`,
    position,
    start,
    end: start + text.length,
    kind: 'sentence',
    text,
    suggestion: null,
    ...overrides,
  };
}
