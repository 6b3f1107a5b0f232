import { CompiledQuery, PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type Sqlite from 'better-sqlite3';
import { rawHandle } from './open.js';
import type { DB } from './types.js';

/**
 * The seam between the two engines (SPEC 13): which one a handle talks to, statements written
 * once with `?` placeholders, and the few SQL fragments that differ. Everything else in src/db
 * is Kysely and engine-blind.
 */
export type Engine = 'sqlite' | 'postgres';

export function engineOf(db: DB): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export const isPostgres = (db: DB): boolean => engineOf(db) === 'postgres';

/** `?` placeholders as PostgreSQL's `$1, $2, ...` (our statements never hold a literal `?`). */
export function numbered(text: string): string {
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
}

const statements = new WeakMap<Sqlite.Database, Map<string, Sqlite.Statement>>();

/** A prepared statement on SQLite's raw handle, kept for the next call with the same text. */
export function prepared(raw: Sqlite.Database, text: string): Sqlite.Statement {
  let cache = statements.get(raw);
  if (!cache) statements.set(raw, (cache = new Map()));
  let st = cache.get(text);
  if (!st) {
    if (cache.size >= 256) cache.clear();
    cache.set(text, (st = raw.prepare(text)));
  }
  return st;
}

/**
 * Runs one statement with `?` placeholders inside the caller's transaction and returns its rows
 * (none for a statement without RETURNING): SQLite through its raw handle, where Kysely's
 * per-statement building was the measured cost; PostgreSQL through Kysely's connection.
 */
export async function query<R = Record<string, unknown>>(db: DB, text: string, params: readonly unknown[] = []): Promise<R[]> {
  if (isPostgres(db)) return (await db.executeQuery<R>(CompiledQuery.raw(numbered(text), [...params]))).rows;
  const st = prepared(rawHandle(db), text);
  if (st.reader) return st.all(...params) as R[];
  st.run(...params);
  return [];
}

/** SQL that differs between the engines, as Kysely fragments. */
export function fragments(db: DB) {
  const pg = isPostgres(db);
  return {
    /** the smaller of two values (SQLite's two-argument MIN) */
    least: (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => (pg ? sql`LEAST(${a}, ${b})` : sql`MIN(${a}, ${b})`),
    /** whole days from one 'YYYY-MM-DD' to another */
    daysBetween: (from: RawBuilder<unknown>, to: RawBuilder<unknown>) =>
      (pg ? sql`(CAST(${to} AS date) - CAST(${from} AS date))` : sql`(julianday(${to}) - julianday(${from}))`),
    /** SQLite's strftime('%Y-W%W'): the year and its Monday-based week, 00 to 53 */
    week: (date: RawBuilder<unknown>) => (pg
      ? sql<string>`(substr(${date}, 1, 4) || '-W' || lpad(CAST((CAST(EXTRACT(DOY FROM CAST(${date} AS date)) AS integer) + 7 - CAST(EXTRACT(ISODOW FROM CAST(${date} AS date)) AS integer)) / 7 AS text), 2, '0'))`
      : sql<string>`strftime('%Y-W%W', ${date})`),
    /** LIKE without regard to ASCII case, as SQLite's LIKE is */
    like: pg ? sql.raw('ILIKE') : sql.raw('LIKE'),
  };
}
