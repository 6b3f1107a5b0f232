import { sql } from 'kysely';
import { insertMany } from './bulk.js';
import { engineOf } from './engine.js';
import type { DB } from './types.js';

/**
 * Every table of a shop, parents before children (foreign keys are checked as rows go in on
 * PostgreSQL). A table the schema gains must be added here: copy refuses a table it does not know.
 */
export const COPY_ORDER = [
  'settings', 'customers', 'orders', 'order_items', 'ledger', 'events', 'communications', 'complaint_resolutions', 'outbox', 'blacklist', 'sweep_runs',
  'evidence', 'evidence_head',
] as const;

/** Tables a new database already has a row in: the target's own row gives way to the copy's. */
export const SEEDED: Record<string, string> = { settings: "key <> 'timezone'", evidence_head: 'count > 0' };

/** The engine's own bookkeeping, not the shop's data. */
const NOT_COPIED = new Set(['orders_schema']);

/** Tables with their columns, from the engine's catalogue. */
export async function tablesOf(db: DB): Promise<Map<string, string[]>> {
  const tables = await db.introspection.getTables();
  return new Map(tables.filter((t) => !t.isView && !NOT_COPIED.has(t.name)).map((t) => [t.name, t.columns.map((c) => c.name).sort()]));
}

/** Rows in the target that a new database would not have (it starts with its time zone set). */
export async function rowsIn(db: DB, tables: Iterable<string>): Promise<number> {
  let n = 0;
  for (const t of tables) {
    const where = SEEDED[t] ? sql` WHERE ${sql.raw(SEEDED[t])}` : sql``;
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(t)}${where}`.execute(db);
    n += Number(r.rows[0]?.n ?? 0);
  }
  return n;
}

/** Removes the rows a new database starts with, before the copy's own come in. */
export async function clearSeeded(db: DB): Promise<void> {
  for (const t of Object.keys(SEEDED)) await sql`DELETE FROM ${sql.table(t)}`.execute(db);
}

const ORDER_KEY: Record<string, string> = { settings: 'key', sweep_runs: 'day', evidence: 'seq' };

/** Copies one table's rows, ids and all, from a read snapshot to a write transaction; returns the count. */
export async function copyTable(from: DB, to: DB, table: string, columns: string[]): Promise<number> {
  const list = columns.map((c) => `"${c}"`).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const select = sql`SELECT ${sql.raw(list)} FROM ${sql.table(table)} ORDER BY ${sql.raw(ORDER_KEY[table] ?? 'id')}`;
  let count = 0;
  const compiled = select.compile(from);
  const source = engineOf(from).stream(from, { compile: () => compiled });
  const rows = async function* () {
    for await (const batch of source) {
      count += batch.length;
      yield batch;
    }
  };
  for await (const batch of rows()) await insertMany(to, `INSERT INTO "${table}" (${list})`, tuple, batch);
  return count;
}
