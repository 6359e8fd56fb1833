import { operatorContext, relinkProjectClaims } from '@attest/api';
import type { RelinkSummary } from '@attest/core';
import { withDatabase } from '../lib/database.ts';
import { type RemoteServer, requestJson } from '../lib/remote.ts';

export interface LinksOptions {
  project: string;
  server?: RemoteServer | undefined;
}

/** Re-links a project's claims (confirmed links and rejections stay) and prints a summary. */
export async function linksCommand(options: LinksOptions): Promise<void> {
  const path = `/api/projects/${encodeURIComponent(options.project)}/claims/relink`;
  const summary = options.server
    ? await requestJson<RelinkSummary>(options.server, 'POST', path)
    : await withDatabase(({ db }) => relinkProjectClaims(operatorContext(db), options.project));
  process.stdout.write(
    `${[
      `${summary.documents} documents, ${summary.claims} claims`,
      `${summary.suggestedLinks} suggested links, ${summary.confirmedLinks} confirmed`,
      `${summary.attributionDropped} claims with a dropped attribution`,
      `${summary.sentencesInSeveralClaims} ${summary.sentencesInSeveralClaims === 1 ? 'sentence' : 'sentences'} in more than one claim`,
    ].join('\n')}\n`,
  );
}
