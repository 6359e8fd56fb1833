// Prepares migrated template databases once per test run; each test file then gets its own
// copy (PGlite: a copied data directory; Postgres: CREATE DATABASE … TEMPLATE), so files run in
// parallel without seeing each other's rows.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrationsFolder, openDatabase } from '../src/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateDir: string;
    /** Name of the migrated template database on the DATABASE_URL server, or null without one. */
    postgresTemplate: string | null;
    testRunId: string;
  }
}

const cacheRoot = fileURLToPath(new URL('../../node_modules/.cache/attest-test', import.meta.url));

export default async function setup(project: TestProject) {
  const testRunId = `${process.pid}_${Date.now().toString(36)}`;
  project.provide('testRunId', testRunId);
  project.provide('pgliteTemplateDir', await pgliteTemplate());

  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    project.provide('postgresTemplate', null);
    return;
  }
  const templateName = `attest_t_${testRunId}_template`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${templateName}"`);
  const template = await openDatabase({ databaseUrl: withDatabase(databaseUrl, templateName) });
  await template.close();
  project.provide('postgresTemplate', templateName);

  return async () => {
    const leftovers = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`attest_t_${testRunId}_%`}`;
    for (const { datname } of leftovers)
      await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}

/** A migrated PGlite data directory, cached by the migrations' hash: creating one takes seconds. */
async function pgliteTemplate(): Promise<string> {
  const hash = await migrationsHash();
  const templateDir = path.join(cacheRoot, `pglite-${hash}`);
  if (existsSync(templateDir)) return templateDir;
  await mkdir(cacheRoot, { recursive: true });
  const buildDir = path.join(cacheRoot, `building-${randomUUID()}`);
  const handle = await openDatabase({ dataDir: buildDir });
  await handle.close();
  try {
    await rename(buildDir, templateDir);
  } catch {
    // Another run finished the same template first; theirs is as good as ours.
    await rm(buildDir, { recursive: true, force: true });
  }
  return templateDir;
}

async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(migrationsFolder, { recursive: true })).sort()) {
    const filePath = path.join(migrationsFolder, file);
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(await readFile(filePath));
  }
  return hash.digest('hex').slice(0, 16);
}

export function withDatabase(databaseUrl: string, databaseName: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}
