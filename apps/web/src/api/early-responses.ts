// Answers asked for before the app's code has run: the first screen's requests go out while the
// browser is still evaluating the scripts, and the API client takes their answers instead of
// asking again. Each answer is taken once; an answer that failed is asked for again as usual.

/** What the API client accepts; an early request must look like the one it stands in for. */
export const jsonAccept = 'application/json, application/problem+json';

/** An early answer not taken by then is dropped: it was for the page being opened, and may be stale. */
const keepMilliseconds = 10_000;

const started = new Map<string, Promise<Response>>();

/** Starts a GET of `url` now, for the API client's first GET of the same address to take. */
export function requestEarly(url: string): Promise<Response> {
  const existing = started.get(url);
  if (existing) return existing;
  const response = fetch(url, { headers: { accept: jsonAccept } });
  // Nobody may take it (the app moved on first): its failure is nobody's error.
  response.catch(() => {});
  started.set(url, response);
  setTimeout(() => {
    if (started.get(url) === response) started.delete(url);
  }, keepMilliseconds);
  return response;
}

/** The early answer to a GET of `url`, once; undefined when none was asked for or it was dropped. */
export function takeEarlyResponse(url: string): Promise<Response> | undefined {
  const response = started.get(url);
  started.delete(url);
  return response;
}

/**
 * Forgets the early answers not yet taken: once the app shows another page than the one it was
 * opened on, they would be stale.
 */
export function dropEarlyResponses(): void {
  started.clear();
}
