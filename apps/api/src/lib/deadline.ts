/**
 * The promise's value, or `fallback` when it has not settled within `timeoutMs` or `signal`
 * aborts first (it runs on). Nothing stays attached to the signal afterwards: a loop that
 * waits on one long-lived signal per step keeps no handler per step (racing a long-lived
 * promise instead would hang one reaction on it per step until it settles).
 */
export async function within<Value, Fallback>(
  promise: Promise<Value>,
  timeoutMs: number,
  fallback: Fallback,
  signal?: AbortSignal,
): Promise<Value | Fallback> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const deadline = new Promise<Fallback>((resolve) => {
    timer = setTimeout(() => resolve(fallback), timeoutMs);
    if (!signal) return;
    if (signal.aborted) {
      resolve(fallback);
      return;
    }
    onAbort = () => resolve(fallback);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
