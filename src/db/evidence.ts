import type { Selectable } from 'kysely';
import { insertMany } from './bulk.js';
import { COVERED, digestOf, GENESIS, linkHash, type Source } from './evidence-hash.js';
import { inChunks } from './chunks.js';
import type { DB, EvidenceTable, OrdersTable } from './types.js';


/**
 * One linear evidence chain over ledger rows, order events, the communication log and the
 * orders' state (SPEC 12). Each entry holds the digest of its row's content and a hash over
 * the previous entry's hash and that digest; evidence_head keeps the chain's COUNT:HASH.
 * Rows are chained by the same src/db functions that insert them, so every writer chains.
 */
export { GENESIS, digestOf, type Source } from './evidence-hash.js';

export type Head = { count: number; hash: string };

export async function readHead(db: DB): Promise<Head> {
  const h = await db.selectFrom('evidence_head').select(['count', 'hash']).where('id', '=', 1).executeTakeFirst();
  return h ?? { count: 0, hash: GENESIS };
}

/** The chain's head as this transaction last wrote it, so its head row is locked and read once. */
const heads = new WeakMap<DB, Head>();

/**
 * Appends rows (as inserted, with their ids) to the chain; call inside the write transaction
 * that inserted them. The transaction's first append takes the head row's lock with a no-op
 * UPDATE on engines with row locks (PostgreSQL), reading it in the same statement, so
 * concurrent writers append one after another.
 */
export async function chain(db: DB, source: Source, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  let head = heads.get(db);
  if (!head) {
    const locked = await db.updateTable('evidence_head').set((eb) => ({ count: eb.ref('count') })).where('id', '=', 1)
      .returning(['count', 'hash']).executeTakeFirst();
    head = locked ?? { count: 0, hash: GENESIS };
  }
  let { count, hash } = head;
  const entries = (function* () {
    for (const row of rows) {
      const digest = digestOf(source, row);
      hash = linkHash(hash, digest);
      yield [++count, source, row.id, digest, hash];
    }
  })();
  await insertMany(db, 'INSERT INTO evidence (seq, source, row_id, digest, hash)', '(?, ?, ?, ?, ?)', entries);
  await db.updateTable('evidence_head').set({ count, hash }).where('id', '=', 1).execute();
  heads.set(db, { count, hash });
}

/** Orders changed in a write transaction, chained once with their final state when it commits. */
const touched = new WeakMap<DB, Set<number>>();

export function touch(db: DB, orderIds: Iterable<number>): void {
  let set = touched.get(db);
  if (!set) touched.set(db, (set = new Set()));
  for (const id of orderIds) set.add(id);
}

/** Chains the current state of every order touched through `db`; the transaction calls it before commit. */
export async function sealTouched(db: DB): Promise<void> {
  const ids = [...(touched.get(db) ?? [])].sort((a, b) => a - b);
  touched.delete(db);
  // 1,000 at a time, and only the columns the digest covers: whole order rows are wide, and
  // reading them took ~300 MB of short-lived garbage in a sweep of 100,000 orders.
  await inChunks(ids, async (slice) => {
    await chain(db, 'orders', await db.selectFrom('orders').select(COVERED.orders as readonly (keyof OrdersTable)[]).where('id', 'in', slice).orderBy('id').execute());
  }, 1000);
  heads.delete(db);
}

export function forgetTouched(db: DB): void {
  touched.delete(db);
  heads.delete(db);
}

/** Chains rows of a table with ids above `afterId` (a bulk writer's new rows), in id order, a page at a time. */
export async function chainNewRows(db: DB, source: 'ledger' | 'events', afterId: number): Promise<void> {
  for (let from = afterId; ;) {
    const rows = await db.selectFrom(source).selectAll().where('id', '>', from).orderBy('id').limit(5000).execute();
    if (rows.length === 0) return;
    await chain(db, source, rows);
    from = rows[rows.length - 1]!.id;
  }
}

export type EvidenceRow = Selectable<EvidenceTable>;
