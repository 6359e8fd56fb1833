import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ClaimLinker,
  type ImportFile,
  type ImportReport,
  importDataset,
  importDocument,
  importFileKind,
  operatorContext,
  SuggestionFiller,
  seedFirstStart,
} from '@attest/api';
import type { ImportResult } from '@attest/core';
import type { Database } from '@attest/db';
import { withDatabase } from '../lib/database.ts';
import { readTextFiles, UsageError } from '../lib/files.ts';
import { startProgress } from '../lib/progress.ts';
import { type RemoteServer, requestJson } from '../lib/remote.ts';

export interface ImportOptions {
  project: string;
  /** Write nothing when any row of any file is bad. */
  strict?: boolean | undefined;
  /** Give an export's labels to the members with the exported e-mail addresses (owners only). */
  keepAnnotators?: boolean | undefined;
  server?: RemoteServer | undefined;
}

/** The import's query string: strictness and whose labels an export brings. */
function importQuery(options: ImportOptions, strict: boolean): string {
  const query = new URLSearchParams();
  if (strict) query.set('strict', 'true');
  if (options.keepAnnotators) query.set('annotators', 'members');
  const text = query.toString();
  return text ? `?${text}` : '';
}

/**
 * Imports .txt files as one article each, and .jsonl, .csv and .zip files (article rows or
 * Attest exports) row by row; whatever fails is reported and the rest still lands.
 */
export async function importCommand(paths: string[], options: ImportOptions): Promise<number> {
  if (options.strict) return importStrictly(paths, options);
  const datasetPaths = paths.filter((file) => importFileKind(file) !== 'txt');
  const textPaths = paths.filter((file) => importFileKind(file) === 'txt');
  let code = 0;
  if (datasetPaths.length > 0) code = Math.max(code, await importDatasetFiles(datasetPaths, options));
  if (textPaths.length > 0) code = Math.max(code, await importTextFiles(textPaths, options));
  return code;
}

async function readImportFiles(paths: string[]): Promise<ImportFile[]> {
  return Promise.all(
    paths.map(async (file) => ({
      name: file,
      bytes: new Uint8Array(
        await readFile(file).catch(() => {
          throw new UsageError(`${file}: no such file`);
        }),
      ),
    })),
  );
}

/** All files in one import, so one bad row anywhere keeps every file out. */
async function importStrictly(paths: string[], options: ImportOptions): Promise<number> {
  const files = await readImportFiles(paths);
  if (process.stderr.isTTY)
    process.stderr.write(`Importing ${files.length} file(s) into "${options.project}" (strict)…\n`);
  let report: ImportReport;
  if (options.server) {
    const form = new FormData();
    for (const file of files) form.append('file', new File([file.bytes], path.basename(file.name)));
    report = await requestJson<ImportReport>(
      options.server,
      'POST',
      `/api/projects/${encodeURIComponent(options.project)}/imports${importQuery(options, true)}`,
      form,
    );
  } else {
    report = await withDatabase(async ({ db }) => {
      await seedFirstStart(db);
      const imported = await importDataset(operatorContext(db), options.project, files, {
        strict: true,
        keepAnnotators: options.keepAnnotators ?? false,
      });
      await finishBackgroundWork(db);
      return imported;
    });
  }
  return reportImport(report, options.project, true);
}

/** Prints each bad row and a summary; the exit code is 1 when any row was bad. */
function reportImport(report: ImportReport, project: string, isStrict: boolean): number {
  for (const error of report.errors) process.stderr.write(`${error.file}:${error.line}: ${error.message}\n`);
  const outcome =
    isStrict && report.errors.length > 0
      ? `Nothing imported (--strict): ${report.errors.length} bad row(s)`
      : `Imported ${report.imported}, already present ${report.skipped}, failed rows ${report.errors.length}`;
  process.stderr.write(`${outcome} into "${project}".\n`);
  return report.errors.length > 0 ? 1 : 0;
}

async function importDatasetFiles(paths: string[], options: ImportOptions): Promise<number> {
  const files = await readImportFiles(paths);
  const run = async (importOne: (file: (typeof files)[number]) => Promise<ImportReport>) => {
    const progress = startProgress(files.length, 'Importing');
    const total: ImportReport = {
      imported: 0,
      skipped: 0,
      errors: [],
      files: [],
      linking: { waitingDocuments: 0 },
    };
    for (const file of files) {
      const report = await importOne(file);
      total.linking = report.linking;
      total.imported += report.imported;
      total.skipped += report.skipped;
      total.files.push(...report.files);
      for (const error of report.errors) total.errors.push({ ...error, file: file.name });
      progress.increment();
    }
    progress.stop();
    return reportImport(total, options.project, false);
  };
  if (options.server) {
    const server = options.server;
    return run((file) => {
      const form = new FormData();
      form.set('file', new File([file.bytes], path.basename(file.name)));
      return requestJson<ImportReport>(
        server,
        'POST',
        `/api/projects/${encodeURIComponent(options.project)}/imports${importQuery(options, false)}`,
        form,
      );
    });
  }
  return withDatabase(async ({ db }) => {
    await seedFirstStart(db);
    const context = operatorContext(db);
    const code = await run((file) =>
      importDataset(context, options.project, [file], { keepAnnotators: options.keepAnnotators ?? false }),
    );
    await finishBackgroundWork(db);
    return code;
  });
}

async function importTextFiles(paths: string[], options: ImportOptions): Promise<number> {
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
    const code = await run((body, fallbackTitle) =>
      importDocument(context, { projectSlug: options.project, body, fallbackTitle }),
    );
    await finishBackgroundWork(db);
    return code;
  });
}

/**
 * Adds the imported documents' suggestions and links them into the project's claims before
 * the command ends, as a server would in the background: the CLI runs no background work. A
 * document a running server is linking at the same moment is left to it (the project's lock
 * keeps the two apart).
 */
async function finishBackgroundWork(db: Database): Promise<void> {
  if (process.stderr.isTTY) process.stderr.write('Adding suggestions and linking claims…\n');
  const filler = new SuggestionFiller(db);
  await filler.drain();
  await filler.stop();
  const linker = new ClaimLinker(db);
  await linker.drain();
  await linker.stop();
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
