// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client.ts';
import { ClaimsLinkedEvent } from '../events/claims-linked-event.ts';
import { mount, textOf } from '../test/mount.ts';
import type { AttestClaimLinkingNotice } from './attest-claim-linking-notice.ts';
import './attest-claim-linking-notice.ts';

/** An API client that answers the waiting counts given, one per question. */
function apiAnswering(...counts: number[]): { api: ApiClient; asked: string[] } {
  const asked: string[] = [];
  const api = {
    getClaimLinking: async (slug: string) => {
      asked.push(slug);
      return { waitingDocuments: counts.shift() ?? 0 };
    },
  } as unknown as ApiClient;
  return { api, asked };
}

const mountNotice = (properties: Record<string, unknown>) =>
  mount('attest-claim-linking-notice', properties as Partial<AttestClaimLinkingNotice>);

describe('attest-claim-linking-notice', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says nothing when no document waits, and asks nothing', async () => {
    const { api, asked } = apiAnswering();
    const element = await mountNotice({ api, slug: 'demo', waiting: 0 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(textOf(element.shadowRoot)).toBe('');
    expect(asked).toEqual([]);
  });

  it('counts the waiting documents until they are linked, then says the claims changed', async () => {
    const { api, asked } = apiAnswering(1, 0);
    const element = await mountNotice({ api, slug: 'demo', waiting: 3 });
    const linked = vi.fn();
    element.addEventListener(ClaimsLinkedEvent.eventName, linked);
    expect(textOf(element.shadowRoot?.querySelector('[role="status"]'))).toBe(
      'Linking claims: 3 documents waiting. The claims shown leave them out until they are linked.',
    );
    await vi.advanceTimersByTimeAsync(3_000);
    await element.updateComplete;
    expect(textOf(element.shadowRoot)).toBe(
      'Linking claims: 1 document waiting. The claims shown leave it out until it is linked.',
    );
    expect(linked).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(3_000);
    await element.updateComplete;
    expect(textOf(element.shadowRoot)).toBe('');
    expect(linked).toHaveBeenCalledTimes(1);
    expect(asked).toEqual(['demo', 'demo']);
  });
});
