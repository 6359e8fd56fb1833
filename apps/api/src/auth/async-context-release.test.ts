import {
  getCurrentAuthContextAsyncLocalStorage,
  getCurrentDBAdapterAsyncLocalStorage,
  getCurrentRequestState,
  getRequestStateAsyncLocalStorage,
  runWithRequestState,
} from '@better-auth/core/context';
import { describe, expect, it } from 'vitest';
import { releasingAsyncContext } from './async-context-release.ts';

// A stand-in for better-auth whose calls keep a value in the library's own request-state
// storage across awaits, as its endpoints do.
function libraryKeepingState() {
  const stateOf = async (request: Request, waitFor: Promise<void>) =>
    runWithRequestState(new WeakMap([[request, request.url]]), async () => {
      await waitFor;
      const state = await getCurrentRequestState();
      return state.get(request) as string;
    });
  return {
    handler: async (request: Request) => new Response(await stateOf(request, Promise.resolve())),
    api: {
      stateAfter: (request: Request, waitFor: Promise<void>) => stateOf(request, waitFor),
      fail: async () => runWithRequestState(new WeakMap(), async () => Promise.reject(new Error('refused'))),
      version: '1',
    },
  };
}

// Node 20 and 22 say through `enabled` whether an instance keeps the promise hooks on; Node 24's
// instances keep no hooks and have no such field.
async function storagesLeftEnabled(): Promise<number> {
  const storages = await Promise.all([
    getCurrentAuthContextAsyncLocalStorage(),
    getRequestStateAsyncLocalStorage(),
    getCurrentDBAdapterAsyncLocalStorage(),
  ]);
  return storages.filter((storage) => (storage as { enabled?: boolean }).enabled === true).length;
}

const nodeMajor = Number(process.versions.node.split('.')[0]);

describe('releasingAsyncContext', () => {
  it('disables the library storages once no call is in flight', async () => {
    const auth = releasingAsyncContext(libraryKeepingState());
    const response = await auth.handler(new Request('http://attest.test/one'));
    expect(await response.text()).toBe('http://attest.test/one');
    if (nodeMajor < 24) expect(await storagesLeftEnabled()).toBe(0);
  });

  it('keeps a call’s state while another call ends before it', async () => {
    const auth = releasingAsyncContext(libraryKeepingState());
    let letSlowFinish = () => {};
    const slowMayFinish = new Promise<void>((resolve) => {
      letSlowFinish = resolve;
    });
    const slow = auth.api.stateAfter(new Request('http://attest.test/slow'), slowMayFinish);
    const fast = await auth.api.stateAfter(new Request('http://attest.test/fast'), Promise.resolve());
    expect(fast).toBe('http://attest.test/fast');
    // The fast call ended while the slow one still awaited inside its storage.
    if (nodeMajor < 24) expect(await storagesLeftEnabled()).toBeGreaterThan(0);
    letSlowFinish();
    expect(await slow).toBe('http://attest.test/slow');
    if (nodeMajor < 24) expect(await storagesLeftEnabled()).toBe(0);
  });

  it('passes a refusal on and still releases', async () => {
    const auth = releasingAsyncContext(libraryKeepingState());
    await expect(auth.api.fail()).rejects.toThrow('refused');
    if (nodeMajor < 24) expect(await storagesLeftEnabled()).toBe(0);
    expect(auth.api.version).toBe('1');
  });
});
