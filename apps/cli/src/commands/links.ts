import { operatorContext, relinkProjectClaims } from '@attest/api';
import type { RelinkSummary } from '@attest/core';
import { withDatabase } from '../lib/database.ts';
import { progressOnceCounted, startTimer } from '../lib/progress.ts';
import { type RemoteServer, requestJsonPatiently } from '../lib/remote.ts';

export interface LinksOptions {
  project: string;
  server?: RemoteServer | undefined;
}

/** Re-links a project's claims (confirmed links and rejections stay) and prints a summary. */
export async function linksCommand(options: LinksOptions): Promise<void> {
  const path = `/api/projects/${encodeURIComponent(options.project)}/claims/relink`;
  const summary = options.server
    ? await relinkThroughServer(options.server, path)
    : await relinkHere(options.project);
  process.stdout.write(
    `${[
      `${summary.documents} documents, ${summary.claims} claims`,
      `${summary.suggestedLinks} suggested links, ${summary.confirmedLinks} confirmed`,
      `${summary.attributionDropped} claims with a dropped attribution`,
      `${summary.sentencesInSeveralClaims} ${summary.sentencesInSeveralClaims === 1 ? 'sentence' : 'sentences'} in more than one claim`,
    ].join('\n')}\n`,
  );
}

/** Here the documents can be counted as they are linked: a bar. */
async function relinkHere(project: string): Promise<RelinkSummary> {
  const progress = progressOnceCounted('Linking documents');
  try {
    return await withDatabase(({ db }) =>
      relinkProjectClaims(operatorContext(db), project, { onProgress: progress.report }),
    );
  } finally {
    progress.stop();
  }
}

/** A server answers once it is done: the time waited so far. */
async function relinkThroughServer(server: RemoteServer, path: string): Promise<RelinkSummary> {
  const timer = startTimer('Re-linking on the server…');
  try {
    return await requestJsonPatiently<RelinkSummary>(server, 'POST', path);
  } finally {
    timer.stop();
  }
}
