// One Vitest run over every package: `pnpm vitest run` or `vitest --project core`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', root: 'packages/core', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
      // The editor's logic (controllers, pure helpers) runs in Node; component tests say
      // `@vitest-environment happy-dom` and render into its DOM; the real browser is e2e's job.
      {
        extends: './apps/web/vite.config.ts',
        test: { name: 'web', root: 'apps/web', include: ['src/**/*.test.ts'] },
      },
      {
        test: {
          name: 'db',
          root: 'db',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['../db/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api',
          root: 'apps/api',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/faults/**'],
          globalSetup: ['../../db/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Restarts the local PostgreSQL cluster: run alone, after the rest (`pnpm test:faults`).
        test: {
          name: 'faults',
          root: 'apps/api',
          include: ['test/faults/**/*.test.ts'],
          globalSetup: ['../../db/test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'cli',
          root: 'apps/cli',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['../../db/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
