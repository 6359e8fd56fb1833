// `attest archive|restore|delete project SLUG | document ID`: an owner's housekeeping, on the
// local database (with an owner's rights, recorded as the attest command) or through a server.
import {
  archiveDocument,
  archiveProject,
  documentDeletionPreview,
  operatorContext,
  projectDeletionPreview,
  removeDocument,
  removeProject,
  type ServiceContext,
} from '@attest/api';
import { withDatabase } from '../lib/database.ts';
import { UsageError } from '../lib/files.ts';
import { type RemoteServer, requestJson } from '../lib/remote.ts';

export type ArchiveAction = 'archive' | 'restore' | 'delete';
export const targetKinds = ['project', 'document'] as const;
export type TargetKind = (typeof targetKinds)[number];

export interface ArchiveOptions {
  /** Delete for real; without it, delete only says what would go. */
  yes?: boolean | undefined;
  server?: RemoteServer | undefined;
}

interface Counts {
  documents?: number;
  annotations: number;
  adjudications: number;
  historyEntries: number;
}

/** "3 documents, 41 annotations, 2 adjudications and 57 history entries". */
export function describeCounts(counts: Counts): string {
  const parts = [
    ...(counts.documents === undefined ? [] : [plural(counts.documents, 'document')]),
    plural(counts.annotations, 'annotation'),
    plural(counts.adjudications, 'adjudication'),
    plural(counts.historyEntries, 'history entry', 'history entries'),
  ];
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function parseKind(kind: string): TargetKind {
  if (!(targetKinds as readonly string[]).includes(kind))
    throw new UsageError(`Say what to act on: "project SLUG" or "document ID"; got "${kind}".`);
  return kind as TargetKind;
}

export async function archiveCommand(
  action: ArchiveAction,
  kindText: string,
  target: string,
  options: ArchiveOptions,
): Promise<number> {
  const kind = parseKind(kindText);
  const path =
    kind === 'project'
      ? `/api/projects/${encodeURIComponent(target)}`
      : `/api/documents/${encodeURIComponent(target)}`;
  const run = async <Result>(
    local: (context: ServiceContext) => Promise<Result>,
    method: string,
    suffix: string,
  ): Promise<Result> =>
    options.server
      ? requestJson<Result>(options.server, method, `${path}${suffix}`)
      : withDatabase(({ db }) => local(operatorContext(db)));

  if (action !== 'delete') {
    const archived = action === 'archive';
    const state = await run<{ name?: string; title?: string }>(
      (context) =>
        kind === 'project'
          ? archiveProject(context, target, archived)
          : archiveDocument(context, target, archived),
      'POST',
      `/${action}`,
    );
    const name = state.name ?? state.title ?? target;
    process.stderr.write(`${archived ? 'Archived' : 'Restored'} ${kind} "${name}".\n`);
    return 0;
  }

  const preview = await run<Counts & { name?: string; title?: string }>(
    (context) =>
      kind === 'project' ? projectDeletionPreview(context, target) : documentDeletionPreview(context, target),
    'GET',
    '/deletion',
  );
  const name = preview.name ?? preview.title ?? target;
  if (!options.yes) {
    process.stderr.write(
      `Deleting ${kind} "${name}" would remove ${describeCounts(preview)}, for good.\n` +
        `Nothing was deleted: run the command again with --yes to delete it (or archive it to hide it and keep it).\n`,
    );
    return 2;
  }
  const removed = await run<Counts>(
    (context) => (kind === 'project' ? removeProject(context, target) : removeDocument(context, target)),
    'DELETE',
    '',
  );
  process.stderr.write(`Deleted ${kind} "${name}": ${describeCounts(removed)}.\n`);
  return 0;
}
