import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { exportQuery, openExport, operatorContext } from '@attest/api';
import { withDatabase } from '../lib/database.ts';
import { UsageError } from '../lib/files.ts';
import { startByteCounter } from '../lib/progress.ts';
import { type RemoteServer, request } from '../lib/remote.ts';

export interface ExportOptions {
  project: string;
  format: string;
  scope?: string | undefined;
  /** Show annotators' e-mail addresses instead of "annotator-N". */
  emails?: boolean | undefined;
  documents?: string | undefined;
  status?: string | undefined;
  label?: string | undefined;
  publishedFrom?: string | undefined;
  publishedTo?: string | undefined;
  output?: string | undefined;
  server?: RemoteServer | undefined;
}

/**
 * Streams a dataset to a file or stdout, from the local database or a server. The options are
 * the API's query parameters, checked by the same schema, so both paths accept the same input.
 */
export async function exportCommand(options: ExportOptions): Promise<void> {
  const query = exportQueryOf(options);
  const parsed = exportQuery.safeParse(query);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `--${optionName(issue.path)}: ${issue.message}`);
    throw new UsageError(issues.join('\n'));
  }
  const { format } = parsed.data;
  if ((format === 'parquet' || format === 'zip') && !options.output && process.stdout.isTTY)
    throw new UsageError(`--format ${format} is binary: write it to a file with -o FILE.`);
  const destination = options.output ? createWriteStream(options.output) : process.stdout;
  const counter = startByteCounter(`Exporting ${options.project} (${format})`);
  const write = async (chunks: AsyncIterable<Uint8Array>) => {
    for await (const chunk of chunks) {
      counter.add(chunk.byteLength);
      if (!destination.write(chunk)) await once(destination, 'drain');
    }
  };
  try {
    if (options.server) {
      const response = await request(
        options.server,
        'GET',
        `/api/projects/${encodeURIComponent(options.project)}/export?${new URLSearchParams(query)}`,
      );
      if (response.body) await write(Readable.fromWeb(response.body as never));
    } else {
      await withDatabase(async ({ db }) => {
        const dataset = await openExport(operatorContext(db), options.project, parsed.data, query);
        await write(dataset.chunks);
      });
    }
  } finally {
    counter.stop();
  }
  if (options.output) {
    destination.end();
    await once(destination, 'finish');
  }
}

/** The export's query parameters, named as the API names them; unset options are left out. */
function exportQueryOf(options: ExportOptions): Record<string, string> {
  const query: Record<string, string | undefined> = {
    format: options.format,
    scope: options.scope,
    annotators: options.emails ? 'emails' : 'pseudonymous',
    documents: options.documents,
    status: options.status,
    label: options.label,
    published_from: options.publishedFrom,
    published_to: options.publishedTo,
  };
  return Object.fromEntries(
    Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The command-line spelling of a query parameter, for error messages. */
function optionName(path: readonly PropertyKey[]): string {
  return String(path[0] ?? 'format').replaceAll('_', '-');
}
