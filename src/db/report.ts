import { sql, type RawBuilder } from 'kysely';
import type { Figures } from '../core/report.js';
import { inChunks } from './chunks.js';
import { fragments } from './dialect.js';
import type { DB } from './types.js';

export type GroupBy = 'none' | 'week' | 'month' | 'customer';

/** Aggregates for one period (or customer); money in minor units. */
export interface PeriodFigures extends Figures, MoneyFigures {
  key: string;
  ready_to_pickup_days_total: number;
  ready_to_pickup_count: number;
}

/** Money sums, exact however many rows: a sum of many amounts can pass 2^53. */
export interface MoneyFigures {
  deposits_collected: bigint;
  deposits_forfeited: bigint;
  refunds: bigint;
  compensation: bigint;
  storage_fees: bigint;
  delivery_fees: bigint;
}

const MONEY = new Set<string>(['deposits_collected', 'deposits_forfeited', 'refunds', 'compensation', 'storage_fees', 'delivery_fees']);

/** Each amount split at 10^9 (both engines divide integers toward zero, so hi * 10^9 + lo is the amount). */
const SPLIT = 1_000_000_000n;

/**
 * SUM(expr) as two exact integer texts, NAME_hi and NAME_lo: a plain SUM overflows SQLite's
 * 64-bit integer past 9.2 * 10^18, and a driver hands back a JS number that rounds past 2^53.
 * Each half stays far inside both for billions of rows; joinSums puts them together as BigInt.
 */
function exactSum(expr: RawBuilder<unknown>, name: string): RawBuilder<unknown> {
  // CAST AS BIGINT: on PostgreSQL a SUM of BIGINT is NUMERIC, and NUMERIC divides with decimals.
  return sql`CAST(SUM(CAST((${expr}) AS BIGINT) / ${sql.lit(Number(SPLIT))}) AS TEXT) AS ${sql.ref(`${name}_hi`)},
    CAST(SUM(CAST((${expr}) AS BIGINT) % ${sql.lit(Number(SPLIT))}) AS TEXT) AS ${sql.ref(`${name}_lo`)}`;
}

function joinSums(r: FigureRow): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const name of MONEY) {
    const hi = r[`${name}_hi`];
    if (hi === undefined) continue;
    out[name] = BigInt(hi ?? 0) * SPLIT + BigInt(r[`${name}_lo`] ?? 0);
    delete r[`${name}_hi`];
    delete r[`${name}_lo`];
  }
  return out;
}

/** The grouping key for a row: its date's week or month, the customer, or one bucket. */
function keyOf(f: Fragments, by: GroupBy, date: RawBuilder<unknown>, customer: RawBuilder<unknown>): RawBuilder<string> {
  switch (by) {
    case 'month': return sql<string>`substr(${date}, 1, 7)`;
    case 'week': return f.week(date);
    case 'customer': return sql<string>`CAST(${customer} AS TEXT)`;
    case 'none': return sql<string>`'all'`;
  }
}

type Fragments = ReturnType<typeof fragments>;

/** One query's figures for one key: a part of a period's PeriodFigures, merged below. */
type FigureRow = Record<string, number | string | null>;

async function rows(db: DB, q: RawBuilder<FigureRow>): Promise<FigureRow[]> {
  return (await q.execute(db)).rows;
}

/**
 * Every figure of the report, aggregated in SQLite by period: orders by creation day,
 * completions and cancellations by their day, money by the day its ledger row was written,
 * complaints by the day they were logged. Nothing is summed in JavaScript but the merge.
 * A void order (entered by mistake) counts in no figure.
 */
export async function reportFigures(db: DB, from: string, to: string, by: GroupBy): Promise<PeriodFigures[]> {
  const f = fragments(db);
  const created = sql`substr(o.created_at, 1, 10)`;
  const orderKeyCreated = keyOf(f, by, created, sql`o.customer_id`);
  const parts = await Promise.all([
    rows(db, sql<FigureRow>`
      SELECT key, COUNT(*) AS orders, ${exactSum(sql`collected`, 'deposits_collected')} FROM (
        SELECT ${orderKeyCreated} AS key,
          ${f.least(sql`COALESCE((SELECT SUM(l.amount) FROM ledger l WHERE l.order_id = o.id AND l.kind = 'payment'), 0)`, sql`o.deposit_required`)} AS collected
        FROM orders o WHERE o.status <> 'void' AND ${created} BETWEEN ${from} AND ${to}) AS per_order GROUP BY key`),
    rows(db, sql<FigureRow>`
      SELECT ${keyOf(f, by, sql`o.completed_on`, sql`o.customer_id`)} AS key, COUNT(*) AS completed,
        SUM(CASE WHEN o.ready_on IS NOT NULL THEN ${f.daysBetween(sql`o.ready_on`, sql`o.completed_on`)} ELSE 0 END) AS ready_to_pickup_days_total,
        SUM(CASE WHEN o.ready_on IS NOT NULL THEN 1 ELSE 0 END) AS ready_to_pickup_count
      FROM orders o WHERE o.status = 'completed' AND o.completed_on BETWEEN ${from} AND ${to} GROUP BY key`),
    rows(db, sql<FigureRow>`
      SELECT ${keyOf(f, by, sql`o.cancelled_on`, sql`o.customer_id`)} AS key,
        SUM(CASE WHEN o.cancelled_by = 'customer' THEN 1 ELSE 0 END) AS cancelled_customer, SUM(CASE WHEN o.cancelled_by = 'shop' THEN 1 ELSE 0 END) AS cancelled_shop,
        SUM(CASE WHEN o.cancelled_by = 'policy' THEN 1 ELSE 0 END) AS cancelled_policy, SUM(CASE WHEN o.cancelled_by = 'policy' AND o.cancel_reason = 'no-show' THEN 1 ELSE 0 END) AS no_shows
      FROM orders o WHERE o.status = 'cancelled' AND o.cancelled_on BETWEEN ${from} AND ${to} GROUP BY key`),
    rows(db, sql<FigureRow>`
      SELECT ${keyOf(f, by, sql`substr(l.created_at, 1, 10)`, sql`o.customer_id`)} AS key,
        ${exactSum(sql`CASE l.kind WHEN 'forfeit' THEN l.amount ELSE 0 END`, 'deposits_forfeited')},
        ${exactSum(sql`CASE l.kind WHEN 'refund' THEN l.amount ELSE 0 END`, 'refunds')},
        ${exactSum(sql`CASE WHEN l.kind IN ('compensation', 'waiver') THEN l.amount ELSE 0 END`, 'compensation')},
        ${exactSum(sql`CASE l.kind WHEN 'storage_fee' THEN l.amount ELSE 0 END`, 'storage_fees')},
        ${exactSum(sql`CASE l.kind WHEN 'delivery_fee' THEN l.amount WHEN 'waiver' THEN -l.amount ELSE 0 END`, 'delivery_fees')}
      FROM ledger l JOIN orders o ON o.id = l.order_id
      WHERE o.status <> 'void' AND substr(l.created_at, 1, 10) BETWEEN ${from} AND ${to} GROUP BY key`),
    rows(db, sql<FigureRow>`
      SELECT ${keyOf(f, by, sql`substr(c.created_at, 1, 10)`, sql`c.customer_id`)} AS key, COUNT(*) AS complaints
      FROM communications c WHERE c.kind = 'complaint' AND substr(c.created_at, 1, 10) BETWEEN ${from} AND ${to}
        AND NOT EXISTS (SELECT 1 FROM orders v WHERE v.id = c.order_id AND v.status = 'void') GROUP BY key`),
  ]);
  const merged = new Map<string, PeriodFigures>();
  for (const part of parts) {
    for (const r of part) {
      const key = String(r.key);
      const f = merged.get(key) ?? emptyFigures(key);
      Object.assign(f, joinSums(r));
      for (const [k, v] of Object.entries(r)) if (k !== 'key') (f as unknown as Record<string, number>)[k] = Number(v ?? 0);
      merged.set(key, f);
    }
  }
  return [...merged.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function emptyFigures(key: string): PeriodFigures {
  return {
    key, orders: 0, completed: 0, cancelled_customer: 0, cancelled_shop: 0, cancelled_policy: 0, no_shows: 0,
    ready_to_pickup_days_total: 0, ready_to_pickup_count: 0, deposits_collected: 0n, deposits_forfeited: 0n,
    refunds: 0n, compensation: 0n, storage_fees: 0n, delivery_fees: 0n, complaints: 0,
  };
}

/** Cancellations in the period by who and why. */
export async function cancelReasons(db: DB, from: string, to: string) {
  return (await sql<{ cancelled_by: string; reason: string; count: number }>`
    SELECT cancelled_by, cancel_reason AS reason, COUNT(*) AS count FROM orders
    WHERE status = 'cancelled' AND cancelled_on BETWEEN ${from} AND ${to}
    GROUP BY cancelled_by, cancel_reason ORDER BY count DESC, cancelled_by, reason`.execute(db)).rows;
}

/** Customers with the most no-shows in the period. */
export async function noShowRanking(db: DB, from: string, to: string, limit: number) {
  return (await sql<{ id: number; name: string; phone: string; no_shows: number }>`
    SELECT c.id, c.name, c.phone, COUNT(*) AS no_shows FROM orders o JOIN customers c ON c.id = o.customer_id
    WHERE o.cancelled_by = 'policy' AND o.cancel_reason = 'no-show' AND o.cancelled_on BETWEEN ${from} AND ${to}
    GROUP BY c.id ORDER BY no_shows DESC, c.id LIMIT ${limit}`.execute(db)).rows;
}

export async function customerNames(db: DB, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const r = await inChunks(ids, (slice) => db.selectFrom('customers').select(['id', 'name']).where('id', 'in', slice).execute());
  return new Map(r.map((c) => [c.id, c.name]));
}

/**
 * Orders given compensation (any fault of the shop) in the period, and of them those compensated
 * for lateness: the kind is in the compensation's event (`late: reason: ...`); an imported
 * compensation has no kind and counts in the whole only.
 */
export async function compensatedOrders(db: DB, from: string, to: string): Promise<{ all: number; late: number }> {
  const r = await sql<{ all: number; late: number }>`
    SELECT (SELECT COUNT(DISTINCT order_id) FROM ledger
        WHERE kind IN ('compensation', 'waiver') AND substr(created_at, 1, 10) BETWEEN ${from} AND ${to}) AS "all",
      (SELECT COUNT(DISTINCT order_id) FROM events
        WHERE kind = 'compensation' AND detail LIKE 'late:%' AND substr(created_at, 1, 10) BETWEEN ${from} AND ${to}) AS late`.execute(db);
  return { all: Number(r.rows[0]?.all ?? 0), late: Number(r.rows[0]?.late ?? 0) };
}
