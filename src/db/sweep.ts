import { inChunks } from './chunks.js';
import { rawHandle } from './open.js';
import type { DB } from './types.js';

/**
 * The sweep's bulk writes. With 100k orders due, Kysely's per-batch query building cost more
 * than SQLite's writes (bench/README.md), so these run prepared statements on the raw
 * connection, inside the caller's transaction.
 */
export interface FeeCharge {
  order_id: number;
  days: string[];
  fee: number;
  detail: string;
}

/** One ledger row per order and day; the unique (order_id, fee_date) index makes a repeat impossible. */
export async function chargeStorageFees(db: DB, charges: readonly FeeCharge[], at: string): Promise<void> {
  const raw = rawHandle(db);
  const fee = raw.prepare("INSERT INTO ledger (order_id, kind, amount, fee_date, created_at) VALUES (?, 'storage_fee', ?, ?, ?)");
  const event = raw.prepare("INSERT INTO events (order_id, kind, detail, created_at) VALUES (?, 'storage-fee', ?, ?)");
  for (const c of charges) {
    for (const d of c.days) fee.run(c.order_id, c.fee, d, at);
    event.run(c.order_id, c.detail, at);
  }
}

export interface NoShow {
  order_id: number;
  forfeit: number;
  detail: string;
}

/** Cancels still-ready orders as no-shows and forfeits their DP; returns the ids it cancelled. */
export async function cancelNoShows(db: DB, noShows: readonly NoShow[], today: string, at: string): Promise<number[]> {
  const raw = rawHandle(db);
  const cancel = raw.prepare("UPDATE orders SET status = 'cancelled', cancelled_by = 'policy', cancel_reason = 'no-show', cancelled_on = ? WHERE id = ? AND status = 'ready'");
  const forfeit = raw.prepare("INSERT INTO ledger (order_id, kind, amount, note, created_at) VALUES (?, 'forfeit', ?, 'DP forfeited: no-show', ?)");
  const event = raw.prepare("INSERT INTO events (order_id, kind, detail, created_at) VALUES (?, 'cancelled', ?, ?)");
  const done: number[] = [];
  for (const n of noShows) {
    if (cancel.run(today, n.order_id).changes === 0) continue;
    if (n.forfeit > 0) forfeit.run(n.order_id, n.forfeit, at);
    event.run(n.order_id, n.detail, at);
    done.push(n.order_id);
  }
  return done.sort((a, b) => a - b);
}

/** The customers of these orders. */
export async function customersOf(db: DB, orderIds: readonly number[]): Promise<number[]> {
  const rows = await inChunks(orderIds, (slice) => db.selectFrom('orders').select('customer_id').where('id', 'in', slice).execute());
  return rows.map((r) => r.customer_id);
}
