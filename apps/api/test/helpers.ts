// Builds an app on a fresh test database, seeded as a first start would seed it.
import type { Problem } from '@attest/core';
import { openTestDatabase, type TestDatabase } from '@attest/db/testing';
import { type AppDependencies, createApp } from '../src/app.ts';
import { seedFirstStart } from '../src/services/seed.ts';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  userId: string;
}

export async function createTestApp(overrides: Partial<AppDependencies> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const analyst = await seedFirstStart(database.db);
  const app = createApp({ db: database.db, userId: analyst.id, logError: () => {}, ...overrides });
  return { app, database, userId: analyst.id };
}

export function jsonRequest(
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  };
}

/** Asserts a problem+json response and returns its body. */
export async function expectProblem(response: Response, status: number): Promise<Problem> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`Expected ${status}, got ${response.status}: ${text}`);
  if (response.headers.get('content-type') !== 'application/problem+json') {
    throw new Error(`Expected application/problem+json, got ${response.headers.get('content-type')}`);
  }
  const problem = JSON.parse(text) as Problem;
  if (problem.status !== status || !problem.detail) throw new Error(`Incomplete problem: ${text}`);
  return problem;
}
