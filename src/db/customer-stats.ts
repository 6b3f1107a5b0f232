import { sql } from 'kysely';
import { isBlacklisted } from './customers.js';
import type { DB } from './types.js';

export interface CustomerStats {
  id: number;
  name: string;
  phone: string;
  orders: number;
  completed: number;
  no_shows: number;
  customer_cancellations: number;
  shop_failures: number;
  open_balance: number;
  forfeited: number;
  blacklisted: number;
  salutation: string | null;
  lang: string | null;
}

const SORT = {
  'no-shows': 'no_shows DESC, orders DESC, id',
  orders: 'orders DESC, id',
  // lower(): ASCII case folded on both engines, as SQLite's NOCASE does.
  name: 'lower(c.name), c.id',
  balance: 'open_balance DESC, id',
  forfeited: 'forfeited DESC, id',
} as const;
export type CustomerSort = keyof typeof SORT;
export const CUSTOMER_SORTS = Object.keys(SORT) as CustomerSort[];

/**
 * Per customer, in one aggregate query: orders, completions, no-shows, shop-caused failures
 * (shop cancellations and orders compensated in any way, a waived fee included), the sum of open balances, what was forfeited.
 * Void orders count nowhere.
 */
export async function customerStats(db: DB, opts: { sort: CustomerSort; customerId?: number; limit?: number }): Promise<CustomerStats[]> {
  const where = opts.customerId === undefined ? sql`` : sql`WHERE c.id = ${opts.customerId}`;
  const limit = opts.limit === undefined ? sql`` : sql`LIMIT ${opts.limit}`;
  const r = await sql<CustomerStats>`
    WITH money AS (
      SELECT order_id,
        SUM(CASE kind WHEN 'payment' THEN amount WHEN 'refund' THEN -amount ELSE 0 END) AS paid,
        SUM(CASE kind WHEN 'forfeit' THEN amount ELSE 0 END) AS forfeited,
        SUM(CASE kind WHEN 'compensation' THEN amount ELSE 0 END) AS compensation,
        SUM(CASE WHEN kind IN ('compensation', 'waiver') THEN amount ELSE 0 END) AS given,
        SUM(CASE WHEN kind IN ('storage_fee', 'delivery_fee') THEN amount WHEN kind = 'waiver' THEN -amount ELSE 0 END) AS fees
      FROM ledger GROUP BY order_id
    ), per_order AS (
      SELECT o.customer_id, o.status, o.cancelled_by, o.cancel_reason,
        COALESCE(m.forfeited, 0) AS forfeited, COALESCE(m.given, 0) AS given,
        CASE WHEN o.status = 'cancelled'
          THEN COALESCE(m.forfeited, 0) - COALESCE(m.paid, 0) - COALESCE(m.compensation, 0)
          ELSE o.total + COALESCE(m.fees, 0) - COALESCE(m.compensation, 0) - COALESCE(m.paid, 0) END AS balance
      FROM orders o LEFT JOIN money m ON m.order_id = o.id
      WHERE o.status <> 'void' -- entered by mistake: it never happened
    )
    SELECT c.id, c.name, c.phone, c.salutation, c.lang,
      COUNT(p.customer_id) AS orders,
      COALESCE(SUM(CASE WHEN p.status = 'completed' THEN 1 ELSE 0 END), 0) AS completed,
      COALESCE(SUM(CASE WHEN p.cancelled_by = 'policy' AND p.cancel_reason = 'no-show' THEN 1 ELSE 0 END), 0) AS no_shows,
      COALESCE(SUM(CASE WHEN p.cancelled_by = 'customer' THEN 1 ELSE 0 END), 0) AS customer_cancellations,
      COALESCE(SUM(CASE WHEN p.cancelled_by = 'shop' OR p.given > 0 THEN 1 ELSE 0 END), 0) AS shop_failures,
      COALESCE(SUM(p.balance), 0) AS open_balance,
      COALESCE(SUM(p.forfeited), 0) AS forfeited,
      ${isBlacklisted('c.id')} AS blacklisted
    FROM customers c LEFT JOIN per_order p ON p.customer_id = c.id
    ${where}
    GROUP BY c.id
    ORDER BY ${sql.raw(SORT[opts.sort])}
    ${limit}`.execute(db);
  return r.rows;
}
