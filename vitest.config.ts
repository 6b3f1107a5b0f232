import { defineConfig } from 'vitest/config';

/**
 * Every test on SQLite; with a PostgreSQL server named by PGHOST (`.ci/with-postgres`, which
 * `npm test` uses), the end-to-end suite a second time on PostgreSQL, and the tests that need
 * both engines or several counters (tests/engines).
 */
export default defineConfig({
  test: {
    // End-to-end tests spawn the real binary many times; give them room on a slow machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/unit/**/*.test.ts', 'tests/e2e/**/*.test.ts'] } },
      ...(process.env.PGHOST
        ? [
          // A command on PostgreSQL costs more than on a file (the driver, a connection, round trips).
          { extends: true, test: { name: 'postgres', include: ['tests/e2e/**/*.test.ts'], env: { ORDERS_TEST_PG: '1' }, testTimeout: 180_000, hookTimeout: 300_000 } },
          // Both engines side by side, and several counters on one PostgreSQL database.
          { extends: true, test: { name: 'engines', include: ['tests/engines/**/*.test.ts'] } },
        ]
        : []),
    ],
  },
});
