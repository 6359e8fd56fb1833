import path from 'node:path';
import { importDocument, requireProject, seedFirstStart } from '@attest/api';
import { withDatabase } from '../lib/database.ts';
import { readTextFiles } from '../lib/files.ts';
import { startProgress } from '../lib/progress.ts';

export interface ImportOptions {
  project: string;
}

/** Imports each file as one article; a file that fails is reported and the others still land. */
export async function importCommand(paths: string[], options: ImportOptions): Promise<number> {
  const files = await readTextFiles(paths);
  return withDatabase(async ({ db }) => {
    const analyst = await seedFirstStart(db);
    const context = { db, userId: analyst.id };
    const project = await requireProject(context, options.project);
    const progress = startProgress(files.length, 'Importing');
    const tally = { imported: 0, alreadyPresent: 0, failed: 0 };
    for (const file of files) {
      try {
        const result = await importDocument(context, {
          projectId: project.id,
          body: file.text,
          fallbackTitle: path.basename(file.path, path.extname(file.path)),
        });
        tally[result.created ? 'imported' : 'alreadyPresent']++;
      } catch (error) {
        tally.failed++;
        process.stderr.write(`${file.path}: ${error instanceof Error ? error.message : String(error)}\n`);
      }
      progress.increment();
    }
    progress.stop();
    process.stderr.write(
      `Imported ${tally.imported}, already present ${tally.alreadyPresent}, failed ${tally.failed} into "${project.slug}".\n`,
    );
    return tally.failed > 0 ? 1 : 0;
  });
}
