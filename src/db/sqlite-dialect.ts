import { chmodSync } from 'node:fs';
import type Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Dialect, Fragments } from './dialect.js';
import type { DB } from './types.js';

/** Rows per multi-row statement: far below SQLite's bound-variable limit (32,766) for our widest rows. */
const BATCH = 100;

/**
 * The handle's statements by text, prepared once: for Kysely (a command that runs the same few
 * queries per order, remind with 100,000 messages due, spent 10 s of 36 in prepare) and for the
 * dialect's own statements alike. One query runs at a time on the one connection, so a cached
 * statement is never busy when asked for.
 */
export function statementCache(raw: Sqlite.Database): (text: string) => Sqlite.Statement {
  const statements = new Map<string, Sqlite.Statement>();
  return (text) => {
    let st = statements.get(text);
    if (!st) {
      // IN lists of every length make new texts; a bound keeps a long run's cache small.
      if (statements.size >= 256) statements.clear();
      statements.set(text, (st = raw.prepare(text)));
    }
    return st;
  };
}

/**
 * SQLite's side of the seam (src/db/dialect.ts), over the file's better-sqlite3 handle and its
 * statement cache. Its statements run on the raw handle where Kysely's per-statement building
 * was the measured cost (bulk inserts, the sweep's and the import's statements, streamed exports).
 */
export function sqliteDialect(raw: Sqlite.Database, prepared: (text: string) => Sqlite.Statement): Dialect {
  return {
    // IMMEDIATE takes the write lock up front, so a concurrent sweep makes a writer wait for the
    // busy timeout instead of failing when its first write comes.
    beginWrite: ['begin immediate'],
    beginRead: ['begin'],
    rowLocks: false,
    async query<R>(_db: DB, text: string, params: readonly unknown[]) {
      const st = prepared(text);
      if (st.reader) return st.all(...params) as R[];
      st.run(...params);
      return [];
    },
    // Objects of the orders' 37 columns made reading 200,000 orders take 4.0 s instead of 1.3 s.
    async arrays(_db: DB, text: string, params: readonly unknown[]) {
      const st = prepared(text);
      try {
        return st.raw(true).all(...params) as unknown[][];
      } finally {
        st.raw(false);
      }
    },
    async *pages(_db: DB, q, pageSize) {
      // A stream reads each page about once: better-sqlite3's default 16 MB page cache would only
      // add to the peak memory of a 1M-order export (2 MB reads as fast).
      raw.pragma('cache_size = -2000');
      let page: unknown[][] = [];
      for (const r of raw.prepare(q.sql).raw().iterate(...q.parameters) as Iterable<unknown[]>) {
        page.push(r);
        if (page.length === pageSize) {
          yield page;
          page = [];
        }
      }
      if (page.length) yield page;
    },
    batchSize: () => BATCH,
    // Safe while other commands write; mode 0600 like the original.
    async fileBackup(_db: DB, target: string) {
      const r = await raw.backup(target);
      chmodSync(target, 0o600);
      return r.totalPages;
    },
    integrity: () => ({
      integrity: (raw.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check),
      foreignKeys: (raw.pragma('foreign_key_check') as unknown[]).length,
    }),
    sql: fragments,
  };
}

/** A minor-unit column as a JSON number in the major unit, integer maths only: 1250 with 2 decimals -> 12.5. */
function majorJson(column: string, exponent: number) {
  if (exponent === 0) return sql`${sql.ref(column)}`;
  const unit = 10 ** exponent;
  return sql`json(rtrim(rtrim(printf('%d.%0*d', ${sql.ref(column)} / ${unit}, ${exponent}, ${sql.ref(column)} % ${unit}), '0'), '.'))`;
}

const fragments: Fragments = {
  least: (a, b) => sql`MIN(${a}, ${b})`,
  daysBetween: (from, to) => sql`(julianday(${to}) - julianday(${from}))`,
  week: (date) => sql<string>`strftime('%Y-W%W', ${date})`,
  like: sql.raw('LIKE'),
  // SQLite's JSON strings are escaped exactly as JSON.stringify escapes them.
  itemsJson: (exponent) => sql<string>`(SELECT json_group_array(json_object('description', i.description, 'quantity', i.quantity, 'unit_price', ${majorJson('i.unit_price', exponent)}))
        FROM (SELECT description, quantity, unit_price FROM order_items WHERE order_id = o.id ORDER BY position) i)`,
  jsonArray: (values) => sql<string | null>`json_array(${sql.join(values)})`,
};
