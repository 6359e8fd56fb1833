// better-auth keeps its request context in three AsyncLocalStorage instances. On Node 20 and 22
// the first run() of any of them turns on async_hooks' promise hooks for the rest of the
// process's life, and every promise anywhere then pays for them: 10–12 % of a save's CPU
// (docs/benchmarks.md, Save), for a library that runs only on sign-in, sign-out, token calls and
// a session lookup the cache missed. So every call into the library is counted, and once none is
// in flight its instances are disabled, which turns the hooks off until its next run() turns them
// on again. Node 24 keeps context without promise hooks; there the release changes nothing.

import {
  getCurrentAuthContextAsyncLocalStorage,
  getCurrentDBAdapterAsyncLocalStorage,
  getRequestStateAsyncLocalStorage,
} from '@better-auth/core/context';

interface AuthLibrary {
  handler: (request: Request) => Promise<Response>;
  api: Record<string, unknown>;
}

/** What the release needs of each instance; node:async_hooks' AsyncLocalStorage has it. */
interface Storage {
  disable(): void;
}

let callsInFlight = 0;
let storages: Promise<Storage[]> | undefined;

/** `auth` with its handler and every `auth.api` function counted as calls into the library. */
export function releasingAsyncContext<T extends AuthLibrary>(auth: T): T {
  const api = new Proxy(auth.api, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => whileLibraryRuns(() => Reflect.apply(value, target, args));
    },
  });
  const handler = (request: Request) => whileLibraryRuns(() => auth.handler(request));
  return { ...auth, handler, api };
}

async function whileLibraryRuns<R>(call: () => R): Promise<Awaited<R>> {
  callsInFlight += 1;
  try {
    return await call();
  } finally {
    callsInFlight -= 1;
    if (callsInFlight === 0) await releaseStorages();
  }
}

async function releaseStorages(): Promise<void> {
  // Asked for only once the library has run: the getters create the instances they return.
  storages ??= Promise.all([
    getCurrentAuthContextAsyncLocalStorage(),
    getRequestStateAsyncLocalStorage(),
    getCurrentDBAdapterAsyncLocalStorage(),
  ]);
  const all: Storage[] = await storages;
  // A call that began while the getters resolved is running inside its storages: leave them.
  if (callsInFlight > 0) return;
  for (const storage of all) storage.disable();
}
