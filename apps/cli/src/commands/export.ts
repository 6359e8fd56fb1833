import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type DatasetFormat, datasetFormats, openDatasetExport, operatorContext } from '@attest/api';
import { withDatabase } from '../lib/database.ts';
import { UsageError } from '../lib/files.ts';
import { type RemoteServer, request } from '../lib/remote.ts';

export interface ExportOptions {
  project: string;
  format: string;
  scope?: string | undefined;
  /** Show annotators' e-mail addresses instead of "annotator-N". */
  emails?: boolean | undefined;
  output?: string | undefined;
  server?: RemoteServer | undefined;
}

const scopes = ['gold', 'annotations'] as const;

export async function exportCommand(options: ExportOptions): Promise<void> {
  const format = options.format as DatasetFormat;
  if (!datasetFormats.includes(format))
    throw new UsageError(`Unknown format "${options.format}"; use --format ${datasetFormats.join(', ')}.`);
  const scope = (options.scope ?? 'gold') as (typeof scopes)[number];
  if (!scopes.includes(scope))
    throw new UsageError(`Unknown scope "${options.scope}"; use --scope gold or annotations.`);
  if ((format === 'parquet' || format === 'zip') && !options.output && process.stdout.isTTY)
    throw new UsageError(`--format ${format} is binary: write it to a file with -o FILE.`);
  const destination = options.output ? createWriteStream(options.output) : process.stdout;
  if (options.server) {
    const query = new URLSearchParams({
      format,
      scope,
      annotators: options.emails ? 'emails' : 'pseudonymous',
    });
    const response = await request(
      options.server,
      'GET',
      `/api/projects/${encodeURIComponent(options.project)}/export?${query}`,
    );
    if (!response.body) return;
    await pipeline(Readable.fromWeb(response.body as never), destination, { end: Boolean(options.output) });
    return;
  }
  await withDatabase(async ({ db }) => {
    const dataset = await openDatasetExport(operatorContext(db), options.project, {
      format,
      scope,
      filters: {},
      pseudonymise: !options.emails,
    });
    for await (const chunk of dataset.chunks) if (!destination.write(chunk)) await once(destination, 'drain');
    if (options.output) {
      destination.end();
      await once(destination, 'finish');
    }
  });
}
