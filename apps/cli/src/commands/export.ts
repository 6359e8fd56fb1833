import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { exportRows, seedFirstStart } from '@attest/api';
import { withDatabase } from '../lib/database.ts';
import { UsageError } from '../lib/files.ts';
import { writeLines } from '../lib/output.ts';

export interface ExportOptions {
  project: string;
  format: string;
  output?: string;
}

export async function exportCommand(options: ExportOptions): Promise<void> {
  if (options.format !== 'jsonl')
    throw new UsageError(`Unknown format "${options.format}"; use --format jsonl.`);
  await withDatabase(async ({ db }) => {
    const analyst = await seedFirstStart(db);
    const rows = exportRows({ db, userId: analyst.id }, options.project);
    const lines = (async function* () {
      for await (const row of rows) yield JSON.stringify(row);
    })();
    if (!options.output) return writeLines(lines);
    const file = createWriteStream(options.output, 'utf8');
    for await (const line of lines) if (!file.write(`${line}\n`)) await once(file, 'drain');
    file.end();
    await once(file, 'finish');
  });
}
