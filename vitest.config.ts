import { defineConfig } from 'vitest/config';

/**
 * Not run again on PostgreSQL: files about the SQLite file itself (its bytes, directory,
 * pragmas, versions), and the files that run on both engines themselves (the story compared
 * between them, the URL and password tests).
 */
const SQLITE_ONLY = ['tests/e2e/files.test.ts', 'tests/e2e/migrate-money.test.ts', 'tests/e2e/story.test.ts', 'tests/e2e/postgres-url.test.ts'];

export default defineConfig({
  test: {
    // End-to-end tests spawn the real binary many times; give them room on a slow machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A test mostly waits for the program it spawned (and, on PostgreSQL, for the server; the
    // counters' test for its writer lock): three files at a time keep two cores busy, where
    // vitest's default (one fewer than the cores) idles one.
    maxWorkers: 3,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'] } },
      // The same end-to-end suite on PostgreSQL (SPEC 13): a database per shop on the server
      // that .ci/with-postgres starts (PGHOST, PGPORT, PGUSER).
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          env: { ORDERS_TEST_PG: '1' },
          testTimeout: 180_000,
        },
      },
    ],
  },
});
