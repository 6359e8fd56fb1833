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
  .option('--server <url>', 'import through a running server (needs ATTEST_TOKEN)')
  .argument('<files...>', 'UTF-8 text files')
  .action(async (files: string[], options: { project: string; strict?: boolean; server?: string }) => {
    const server = remoteServer(options.server, process.env['ATTEST_TOKEN']);
    process.exitCode = await (await import('./commands/import.ts')).importCommand(files, {
      ...options,
      server,
    });
  });

program
  .command('export')
  .description("Export a project's sentences with their annotations")
  .requiredOption('--project <slug>', 'the project to export')
  .option('--format <format>', 'jsonl, csv, parquet, zip (data, documents and card) or card', 'jsonl')
  .option('--scope <scope>', 'gold (one row per sentence) or annotations (one per analyst)', 'gold')
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

program
  .command('serve')
  .description('Start the Attest server (HOST, PORT, DATABASE_URL, ATTEST_DATA_DIR configure it)')
  .action(async () => (await import('@attest/api')).startServer());

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
