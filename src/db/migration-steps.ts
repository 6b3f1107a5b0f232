import type Sqlite from 'better-sqlite3';

/**
 * Steps of a migration that SQL alone cannot do, by version; each runs inside the migration's
 * transaction, after that version's SQL files (migrations/N/*.sql). SQLite only: PostgreSQL
 * databases begin at version 2 (schema.pg.sql).
 */
export const MIGRATION_STEPS: Record<number, ((raw: Sqlite.Database) => void)[]> = {
  2: [],
};
