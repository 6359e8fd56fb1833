// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { SaveRetryEvent } from '../events/save-retry-event.ts';
import { buttonNamed, mount, textOf } from '../test/mount.ts';
import './attest-save-status.ts';

function statusText(element: HTMLElement): string {
  return textOf(element.shadowRoot?.querySelector('[role="status"]'));
}

describe('attest-save-status', () => {
  it('says everything is saved, and offers no Retry', async () => {
    const element = await mount('attest-save-status', { status: 'saved' });
    expect(statusText(element)).toBe('All changes saved');
    expect(buttonNamed(element, 'Retry')).toBeUndefined();
  });

  it('counts the unsaved edits while offline and while saving', async () => {
    const offline = await mount('attest-save-status', { status: 'offline', pendingCount: 3 });
    expect(statusText(offline)).toBe('3 unsaved · offline, will retry');
    const saving = await mount('attest-save-status', { status: 'saving', pendingCount: 2 });
    expect(statusText(saving)).toBe('2 unsaved · saving…');
  });

  it('shows a failure with its reason and a Retry button that fires attest-save-retry', async () => {
    const element = await mount('attest-save-status', {
      status: 'failed',
      failedCount: 2,
      reason: 'the server is unavailable',
    });
    expect(statusText(element)).toBe('2 labels not saved: the server is unavailable');
    const retried = vi.fn();
    element.addEventListener(SaveRetryEvent.eventName, retried);
    buttonNamed(element, 'Retry')?.click();
    expect(retried).toHaveBeenCalledTimes(1);
  });

  it('never says saved while a conflict waits: the conflict is the news', async () => {
    const element = await mount('attest-save-status', { status: 'saved', conflictCount: 1 });
    expect(statusText(element)).toBe('1 conflict');
    const saving = await mount('attest-save-status', { status: 'saving', pendingCount: 1, conflictCount: 2 });
    expect(statusText(saving)).toBe('2 conflicts · 1 unsaved · saving…');
  });
});
