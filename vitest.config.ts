import { defineConfig } from 'vitest/config';

/**
 * Measures the main thread's timer ticks against a bound: run alone, after every other file
 * (test/support/run-tests.mjs), so that another test's processes on the same cores do not take the
 * time it measures.
 */
const ALONE = ['test/db/worker-host.test.ts'];

export default defineConfig({
  test: {
    // Two at a time on the CI's two cores: most of the slow files wait on processes they start (the
    // command line, the browser mode, Chromium), and one at a time (vitest's default there) left a
    // core idle for most of the run.
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'db', include: ['test/db/**/*.test.ts'], exclude: ALONE, environment: 'node', testTimeout: 30_000 } },
      { test: { name: 'alone', include: ALONE, environment: 'node', testTimeout: 30_000 } },
      {
        test: {
          name: 'component',
          include: ['test/component/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/component/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // A page waits for the services (a preview planned again, a week recomputed): polls give
          // it the time a busy CI machine needs, not the 1 s default.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
