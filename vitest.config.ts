import { defineConfig } from 'vitest/config';

/**
 * Every test on SQLite; with a PostgreSQL server named by PGHOST (`.ci/with-postgres`, which
 * `npm test` uses), the end-to-end suite a second time on PostgreSQL.
 */
export default defineConfig({
  test: {
    // End-to-end tests spawn the real binary many times; give them room on a slow machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'] } },
      ...(process.env.PGHOST
        ? [{ extends: true, test: { name: 'postgres', include: ['tests/e2e/**/*.test.ts'], env: { ORDERS_TEST_PG: '1' } } }]
        : []),
    ],
  },
});
