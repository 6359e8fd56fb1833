#!/usr/bin/env node
// The `attest` command. Exit codes: 0 success, 1 a failure while working, 2 bad usage or input.
import { Command, CommanderError } from 'commander';
import type { ExportOptions } from './commands/export.ts';
import { UsageError } from './lib/files.ts';
import { remoteServer } from './lib/remote.ts';

// Commands load their modules when they run: `attest segment` should not pay for starting
// the database and HTTP stacks.

const program = new Command()
  .name('attest')
  .description('Attest: claim-provenance annotation for news text')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

program
  .command('segment')
  .description('Split text files into sentences: one JSON line per segment, with UTF-16 offsets')
  .argument('<files...>', 'UTF-8 text files')
  .action(async (files: string[]) => (await import('./commands/segment.ts')).segmentCommand(files));

program
  .command('suggest')
  .description('Segment text files and suggest a provenance label per segment, with its evidence')
  .argument('<files...>', 'UTF-8 text files')
  .action(async (files: string[]) => (await import('./commands/suggest.ts')).suggestCommand(files));

program
  .command('eval-attribution')
  .description('Score source, cue and content spans against a PolNeAR split (exact and overlap P/R/F1)')
  .argument('<dir>', 'a directory of NAME.txt and NAME_XXXX.ann (brat) files, e.g. polnear/dev')
  .action(async (directory: string) =>
    (await import('./commands/attribution.ts')).evalAttributionCommand(directory),
  );

program
  .command('train-attribution')
  .description("Rebuild the attribution tagger's weights from a PolNeAR split (e.g. polnear/train)")
  .argument('<dir>', 'a directory of NAME.txt and NAME_XXXX.ann (brat) files')
  .option('-o, --output <file>', 'where to write the weights', 'packages/core/src/attribution/weights.json')
  .action(async (directory: string, options: { output: string }) =>
    (await import('./commands/attribution.ts')).trainAttributionCommand(directory, options.output),
  );

program
  .command('link')
  .description(
    'Link sentences that carry one claim across text files: one JSON line per segment of a shared claim, with its attribution',
  )
  .argument('<files...>', 'UTF-8 text files, two or more articles about one event')
  .action(async (files: string[]) => (await import('./commands/link.ts')).linkCommand(files));

program
  .command('links')
  .description("Re-link a project's claims across its documents and print a summary")
  .requiredOption('--project <slug>', 'the project to re-link')
  .option('--server <url>', 'work through a running server (needs ATTEST_TOKEN)')
  .action(async (options: { project: string; server?: string }) => {
    const server = remoteServer(options.server, process.env['ATTEST_TOKEN']);
    await (await import('./commands/links.ts')).linksCommand({ project: options.project, server });
  });

program
  .command('import')
  .description(
    'Import .txt articles, .jsonl or .csv rows, or an Attest export (.jsonl, .csv, .zip) into a project',
  )
  .requiredOption('--project <slug>', 'the project to import into')
  .option('--strict', 'write nothing if any row of any file is bad')
  .option(
    '--keep-annotators',
    "give an export's labels back to the members with the exported e-mail addresses (owners only)",
  )
  .option('--server <url>', 'import through a running server (needs ATTEST_TOKEN)')
  .argument('<files...>', 'UTF-8 text files')
  .action(
    async (
      files: string[],
      options: { project: string; strict?: boolean; keepAnnotators?: boolean; server?: string },
    ) => {
      const server = remoteServer(options.server, process.env['ATTEST_TOKEN']);
      process.exitCode = await (await import('./commands/import.ts')).importCommand(files, {
        ...options,
        server,
      });
    },
  );

program
  .command('export')
  .description("Export a project's sentences with their annotations")
  .requiredOption('--project <slug>', 'the project to export')
  .option('--format <format>', 'jsonl, csv, parquet, zip (data, documents and card) or card', 'jsonl')
  .option(
    '--scope <scope>',
    'gold (one row per sentence), annotations (one per analyst) or claims (one per claim, jsonl or csv)',
    'gold',
  )
  .option('--emails', 'name annotators by e-mail instead of annotator-N')
  .option('--documents <ids>', 'only these documents (comma-separated ids)')
  .option('--status <statuses>', 'only sentences whose gold status is one of these (comma-separated)')
  .option('--label <keys>', 'only sentences with one of these labels (comma-separated keys)')
  .option('--published-from <date>', 'only documents published on or after this date (YYYY-MM-DD)')
  .option('--published-to <date>', 'only documents published on or before this date (YYYY-MM-DD)')
  .option('-o, --output <file>', 'write to a file instead of stdout')
  .option('--server <url>', 'export from a running server (needs ATTEST_TOKEN)')
  .action(async (options: Omit<ExportOptions, 'server'> & { server?: string }) => {
    const server = remoteServer(options.server, process.env['ATTEST_TOKEN']);
    await (await import('./commands/export.ts')).exportCommand({ ...options, server });
  });

for (const [action, description] of [
  ['archive', 'Archive a project or document: hidden from lists, queues, reports and exports, kept'],
  ['restore', 'Restore an archived project or document'],
  ['delete', 'Delete a project or document with its labels and history (says what would go; needs --yes)'],
] as const) {
  const command = program
    .command(action)
    .description(description)
    .argument('<kind>', '"project" or "document"')
    .argument('<target>', 'the project slug or the document id')
    .option('--server <url>', 'act through a running server (needs ATTEST_TOKEN)');
  if (action === 'delete') command.option('--yes', 'delete for real');
  command.action(async (kind: string, target: string, options: { server?: string; yes?: boolean }) => {
    const server = remoteServer(options.server, process.env['ATTEST_TOKEN']);
    process.exitCode = await (await import('./commands/archive.ts')).archiveCommand(action, kind, target, {
      yes: options.yes,
      server,
    });
  });
}

program
  .command('serve')
  .description('Start the Attest server (HOST, PORT, DATABASE_URL, ATTEST_DATA_DIR configure it)')
  .option(
    '--workers <n>',
    'server processes sharing the port (needs DATABASE_URL when more than 1; default ATTEST_WORKERS or 1)',
  )
  .action(async (options: { workers?: string }) => {
    const { readEnvironment, startServers, workersProblem } = await import('@attest/api');
    const environment = readEnvironment();
    const workers = options.workers === undefined ? environment.ATTEST_WORKERS : Number(options.workers);
    const problem = workersProblem(workers, environment.DATABASE_URL);
    if (problem) throw new UsageError(problem);
    await startServers(workers, environment.DATABASE_URL);
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => (await import('./commands/migrate.ts')).migrateCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UsageError) {
    process.stderr.write(`attest: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`attest: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
