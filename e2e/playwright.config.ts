// End-to-end tests: the real server in production mode (serving the built editor) against a
// fresh database, driven through Debian's Chromium.
import { defineConfig, devices } from '@playwright/test';
import { ownerStorageState } from './support/accounts.ts';
import { e2eDatabaseName, e2ePort, webRoot } from './support/environment.ts';

const baseURL = `http://127.0.0.1:${e2ePort}`;

// Workers re-read this file: fix the database name once, in the runner, and let them inherit it.
process.env['ATTEST_E2E_DATABASE'] ??= e2eDatabaseName();

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // One server and one database: run the files one after another so each sees what it expects.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env['CI']),
  // In CI a failing test runs once more, recording a trace of the retry.
  retries: process.env['CI'] ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 7_500 },
  reporter: process.env['CI'] ? [['list'], ['html', { open: 'never' }]] : [['list']],
  globalTeardown: './support/global-teardown.ts',
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // The first account, on the fresh server; every spec then runs signed in as its owner.
    { name: 'setup', testMatch: /\.setup\.ts$/ },
    {
      name: 'chromium',
      dependencies: ['setup'],
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        storageState: ownerStorageState,
      },
    },
  ],
  webServer: {
    command: `pnpm --filter @attest/web build --outDir ${webRoot} --emptyOutDir && ../node_modules/.bin/tsx support/start-server.ts`,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    // The access log is one line per request: too much for a test report. Errors go to stderr.
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
