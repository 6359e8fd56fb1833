// Imported first by main.ts, so it runs before the rest of the app's code is evaluated: asks for
// what the opened address shows first while the scripts are still being evaluated, instead of
// one after the other as the shell (the session), then the page's code, then the page (its data)
// would. The API client takes the answers (see early-responses.ts).
import { documentPath } from './api/client.ts';
import { requestEarly } from './api/early-responses.ts';
import { firstScreenDocumentParts } from './api/first-screen.ts';

const session = requestEarly('/api/session');
const annotatedDocumentId = /^\/documents\/([^/]+)$/.exec(window.location.pathname)?.[1];
if (annotatedDocumentId !== undefined) {
  // The route loads the same module; starting it here overlaps its download with the shell's.
  void import('./components/attest-annotate-page.ts');
  // The document and the caller only once the session says someone is signed in: a signed-out
  // visit must fail no request (the browser's console reports a 401 as an error).
  void session
    .then((response) => (response.ok ? response.clone().json() : undefined))
    .then((answer: { me?: unknown } | undefined) => {
      if (!answer?.me) return;
      requestEarly(documentPath(decodeURIComponent(annotatedDocumentId), firstScreenDocumentParts));
      requestEarly('/api/me');
    })
    .catch(() => {});
}
