import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportRows, operatorContext } from '@attest/api';
import { withDatabase } from '../lib/database.ts';
import { UsageError } from '../lib/files.ts';
import { writeLines } from '../lib/output.ts';
import { type RemoteServer, request } from '../lib/remote.ts';

export interface ExportOptions {
  project: string;
  format: string;
  output?: string | undefined;
  server?: RemoteServer | undefined;
}

export async function exportCommand(options: ExportOptions): Promise<void> {
  if (options.format !== 'jsonl')
    throw new UsageError(`Unknown format "${options.format}"; use --format jsonl.`);
  if (options.server) {
    const response = await request(
      options.server,
      'GET',
      `/api/projects/${encodeURIComponent(options.project)}/export?format=jsonl`,
    );
    if (!response.body) return;
    const destination = options.output ? createWriteStream(options.output) : process.stdout;
    await pipeline(Readable.fromWeb(response.body as never), destination, { end: Boolean(options.output) });
    return;
  }
  await withDatabase(async ({ db }) => {
    const lines = (async function* () {
      for await (const row of exportRows(operatorContext(db), options.project)) yield JSON.stringify(row);
    })();
    if (!options.output) return writeLines(lines);
    const file = createWriteStream(options.output, 'utf8');
    for await (const line of lines) if (!file.write(`${line}\n`)) await once(file, 'drain');
    file.end();
    await once(file, 'finish');
  });
}
