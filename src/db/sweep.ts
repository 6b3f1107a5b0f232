import { inChunks } from './chunks.js';
import type { DB } from './types.js';

/** The sweep's writes, in multi-row batches: never one statement per order. */
const BATCH = 500;

async function inBatches<T>(rows: readonly T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

export interface FeeCharge {
  order_id: number;
  days: string[];
  fee: number;
  detail: string;
}

/** One ledger row per order and day; the unique (order_id, fee_date) index makes a repeat impossible. */
export async function chargeStorageFees(db: DB, charges: readonly FeeCharge[], at: string): Promise<void> {
  const ledger = charges.flatMap((c) => c.days.map((d) => ({
    order_id: c.order_id, kind: 'storage_fee', amount: c.fee, fee_date: d, method: null, note: null, created_at: at,
  })));
  await inBatches(ledger, (b) => db.insertInto('ledger').values(b).execute());
  await inBatches(charges.map((c) => ({ order_id: c.order_id, kind: 'storage-fee', detail: c.detail, created_at: at })),
    (b) => db.insertInto('events').values(b).execute());
}

export interface NoShow {
  order_id: number;
  forfeit: number;
  detail: string;
}

/** Cancels still-ready orders as no-shows and forfeits their DP; returns the ids it cancelled. */
export async function cancelNoShows(db: DB, noShows: readonly NoShow[], today: string, at: string): Promise<number[]> {
  const done: number[] = [];
  await inBatches(noShows, async (batch) => {
    const rows = await db.updateTable('orders')
      .set({ status: 'cancelled', cancelled_by: 'policy', cancel_reason: 'no-show', cancelled_on: today })
      .where('id', 'in', batch.map((n) => n.order_id)).where('status', '=', 'ready')
      .returning('id').execute();
    const ids = new Set(rows.map((r) => r.id));
    const applied = batch.filter((n) => ids.has(n.order_id));
    done.push(...applied.map((n) => n.order_id));
    const forfeits = applied.filter((n) => n.forfeit > 0).map((n) => ({
      order_id: n.order_id, kind: 'forfeit', amount: n.forfeit, method: null, fee_date: null, note: 'DP forfeited: no-show', created_at: at,
    }));
    if (forfeits.length) await db.insertInto('ledger').values(forfeits).execute();
    if (applied.length) {
      await db.insertInto('events').values(applied.map((n) => ({ order_id: n.order_id, kind: 'cancelled', detail: n.detail, created_at: at }))).execute();
    }
  });
  return done.sort((a, b) => a - b);
}

/** The customers of these orders. */
export async function customersOf(db: DB, orderIds: readonly number[]): Promise<number[]> {
  const rows = await inChunks(orderIds, (slice) => db.selectFrom('orders').select('customer_id').where('id', 'in', slice).execute());
  return rows.map((r) => r.customer_id);
}
