import path from 'node:path';
import { importDocument, operatorContext, seedFirstStart } from '@attest/api';
import type { ImportResult } from '@attest/core';
import { withDatabase } from '../lib/database.ts';
import { readTextFiles } from '../lib/files.ts';
import { startProgress } from '../lib/progress.ts';
import { type RemoteServer, requestJson } from '../lib/remote.ts';

export interface ImportOptions {
  project: string;
  server?: RemoteServer | undefined;
}

/** Imports each file as one article; a file that fails is reported and the others still land. */
export async function importCommand(paths: string[], options: ImportOptions): Promise<number> {
  const files = await readTextFiles(paths);
  const importOne = options.server ? remoteImporter(options.server, options.project) : undefined;
  const run = async (importFile: (body: string, fallbackTitle: string) => Promise<ImportResult>) => {
    const progress = startProgress(files.length, 'Importing');
    const tally = { imported: 0, alreadyPresent: 0, failed: 0 };
    for (const file of files) {
      try {
        const result = await importFile(file.text, path.basename(file.path, path.extname(file.path)));
        tally[result.created ? 'imported' : 'alreadyPresent']++;
      } catch (error) {
        tally.failed++;
        process.stderr.write(`${file.path}: ${error instanceof Error ? error.message : String(error)}\n`);
      }
      progress.increment();
    }
    progress.stop();
    process.stderr.write(
      `Imported ${tally.imported}, already present ${tally.alreadyPresent}, failed ${tally.failed} into "${options.project}".\n`,
    );
    return tally.failed > 0 ? 1 : 0;
  };
  if (importOne) return run(importOne);
  return withDatabase(async ({ db }) => {
    await seedFirstStart(db);
    const context = operatorContext(db);
    return run((body, fallbackTitle) =>
      importDocument(context, { projectSlug: options.project, body, fallbackTitle }),
    );
  });
}

function remoteImporter(server: RemoteServer, project: string) {
  return (body: string, fallbackTitle: string) => {
    // Sent as a file upload so the server titles a headline-less article by its file name.
    const form = new FormData();
    form.set('file', new File([body], `${fallbackTitle || 'article'}.txt`, { type: 'text/plain' }));
    return requestJson<ImportResult>(
      server,
      'POST',
      `/api/projects/${encodeURIComponent(project)}/documents`,
      form,
    );
  };
}
