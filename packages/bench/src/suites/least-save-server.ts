// Starts the least HTTP save server (least-save-server-process.ts) in a process of its own, as
// Attest's server runs in the save suite, so each is charged its own CPU.
import { labelKeys } from '@attest/core';
import { type ChildServer, startChildServer } from '../harness/child-server.ts';
import type { LeastServerRequest } from './least-save-server-process.ts';
import type { Analyst } from './save-load.ts';

/** Serves `analysts`' saves of the project's labels (`labelIds` in the order of `labelKeys`). */
export async function startLeastSaveServer(
  databaseUrl: string,
  connections: number,
  analysts: readonly Analyst[],
  labelIds: readonly string[],
): Promise<ChildServer> {
  const request: LeastServerRequest = {
    databaseUrl,
    connections,
    analystByCookie: Object.fromEntries(
      analysts.map((analyst) => [analyst.cookie, { userId: analyst.userId, documentId: analyst.documentId }]),
    ),
    labelIdByKey: Object.fromEntries(labelKeys.map((key, index) => [key, labelIds[index]!])),
  };
  return startChildServer(
    new URL('./least-save-server-process.ts', import.meta.url),
    request,
    'The least save server',
  );
}
