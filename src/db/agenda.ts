import { sql } from 'kysely';
import type { DB } from './types.js';

/**
 * What the shop itself is behind on, for `orders today` (SPEC 11). Each is one query over a
 * partial index of unfinished or open orders, never a scan of the whole history.
 */
export interface LateOrder {
  id: number;
  customer_id: number;
  status: string;
  /** the pickup date, or for a delivery its ETA */
  due: string;
}

/** Orders still pending or in production whose pickup (or delivery) date has passed. */
export async function shopLate(db: DB, today: string): Promise<LateOrder[]> {
  return db.selectFrom('orders').select(['id', 'customer_id', 'status', 'pickup_date as due'])
    // Literal, so SQLite uses the partial index orders_unfinished.
    .where(sql<boolean>`status IN ('pending', 'confirmed')`)
    .where('pickup_date', '<', today).orderBy('pickup_date').orderBy('id').execute();
}

/** Accepted deliveries not delivered by their ETA. */
export async function deliveriesLate(db: DB, today: string): Promise<LateOrder[]> {
  return db.selectFrom('orders').select(['id', 'customer_id', 'status', sql<string>`delivery_eta`.as('due')])
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
