import type { Insertable } from 'kysely';
import { insertMany } from './bulk.js';
import { chain, touch } from './evidence.js';
import type { CommunicationsTable, DB } from './types.js';

export type Communication = Omit<Insertable<CommunicationsTable>, 'id' | 'prev_hash' | 'hash'>;
export const GENESIS_HASH = '0'.repeat(64);

/** The hash of a log row: its content and the hash of the row before it. */
export function entryHash(prevHash: string, c: Communication): string {
  const content = [prevHash, c.order_id ?? null, c.customer_id, c.direction, c.channel, c.kind,
    c.template ?? null, c.lang ?? null, c.text, c.created_at];
  crypto ??= process.getBuiltinModule('node:crypto');
  return crypto.createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** Loaded on first use: importing node:crypto cost ~2 ms of every start, and most commands never hash. */
let crypto: typeof import('node:crypto') | undefined;

/**
 * Appends to the evidence log and returns the new ids, in the entries' order; call inside a
 * write transaction so the chain stays linear. Rows go in batches: one statement for all of a
 * night's messages passed SQLite's limit on bound values (a shop with 3,000 messages due).
 */
export async function appendCommunications(db: DB, entries: readonly Communication[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const last = await db.selectFrom('communications').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prev = last?.hash ?? GENESIS_HASH;
  const rows = (function* () {
    for (const c of entries) {
      const hash = entryHash(prev, c);
      yield [c.order_id ?? null, c.customer_id, c.direction, c.channel, c.kind, c.template ?? null, c.lang ?? null, c.text, c.created_at, prev, hash];
      prev = hash;
    }
  })();
  const inserted = await insertMany<Record<string, unknown> & { id: number; order_id: number | null }>(db,
    'INSERT INTO communications (order_id, customer_id, direction, channel, kind, template, lang, text, created_at, prev_hash, hash)',
    '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', rows, 'RETURNING *');
  // Within the write lock each row gets the next rowid, so ascending ids follow the entries.
  inserted.sort((a, b) => a.id - b.id);
  await chain(db, 'communications', inserted);
  touch(db, inserted.flatMap((r) => (r.order_id === null ? [] : [r.order_id])));
  return inserted.map((r) => r.id);
}

/** The whole log in id order, streamed (constant memory). */
export function streamLog(db: DB) {
  return db.selectFrom('communications').selectAll().orderBy('id').stream();
}
