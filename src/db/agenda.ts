import { sql } from 'kysely';
import { dueOn } from '../core/due.js';
import type { DB } from './types.js';

/**
 * What the shop itself is behind on, for `orders today` (SPEC 11). Each is one query over a
 * partial index of unfinished or open orders, never a scan of the whole history.
 */
export interface LateOrder {
  id: number;
  customer_id: number;
  status: string;
  fulfilment: string;
  /** the pickup date, or for a delivery its day (core/due.ts) */
  due: string;
}

/** Orders still pending or in production whose day (pickup date, or a delivery's day) has passed. */
export async function shopLate(db: DB, today: string): Promise<LateOrder[]> {
  const rows = await db.selectFrom('orders').select(['id', 'customer_id', 'status', 'fulfilment', 'pickup_date', 'delivery_eta'])
    // Literal, so SQLite uses the partial index orders_unfinished.
    .where(sql<boolean>`status IN ('pending', 'confirmed')`)
    .where((eb) => eb.or([eb('pickup_date', '<', today), eb('delivery_eta', '<', today)])).execute();
  return rows.map((r) => ({ id: r.id, customer_id: r.customer_id, status: r.status, fulfilment: r.fulfilment, due: dueOn(r) }))
    .filter((o) => o.due < today).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id - b.id));
}

/** Accepted deliveries not delivered by their ETA. */
export async function deliveriesLate(db: DB, today: string): Promise<LateOrder[]> {
  return db.selectFrom('orders').select(['id', 'customer_id', 'status', 'fulfilment', sql<string>`delivery_eta`.as('due')])
    .where(sql<boolean>`status IN ('confirmed', 'ready')`)
    .where('fulfilment', '=', 'delivery').where('delivery_eta', '<', today)
    .orderBy('delivery_eta').orderBy('id').execute();
}

export interface UnpaidDeposit {
  id: number;
  customer_id: number;
  deposit_required: number;
  paid: number;
  created_on: string;
}

/** Pending orders whose DP is not fully paid yet. */
export async function depositsUnpaid(db: DB): Promise<UnpaidDeposit[]> {
  const rows = await db.selectFrom('orders as o').select([
    'o.id', 'o.customer_id', 'o.deposit_required', sql<string>`substr(o.created_at, 1, 10)`.as('created_on'),
    sql<number>`(SELECT COALESCE(SUM(CASE l.kind WHEN 'payment' THEN l.amount WHEN 'refund' THEN -l.amount ELSE 0 END), 0) FROM ledger l WHERE l.order_id = o.id)`.as('paid'),
  ])
    // The IN list matches orders_unfinished's own condition, so SQLite can use that partial index.
    .where(sql<boolean>`o.status IN ('pending', 'confirmed')`).where('o.status', '=', 'pending').orderBy('o.id').execute();
  return rows.map((r) => ({ ...r, paid: Number(r.paid) })).filter((r) => r.paid < r.deposit_required);
}
