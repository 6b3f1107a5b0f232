import { sql } from 'kysely';
import type { PolicyOrder } from '../core/policy.js';
import { IMPORTED_NOTE } from './orders.js';
import type { DB } from './types.js';

/** The facts the policy needs for each open order, in one indexed query (no query per order). */
function policyQuery(db: DB) {
  return db.selectFrom('orders as o').select([
    'o.id', 'o.status', 'o.fulfilment', 'o.pickup_date', 'o.ready_on', 'o.hold_until', 'o.hold_set_on',
    'o.terms_grace_days as grace_days', 'o.terms_cancel_after_days as cancel_after_days',
    'o.terms_storage_fee_per_day as storage_fee_per_day', 'o.deposit_required',
    sql<number>`(SELECT COALESCE(SUM(CASE l.kind WHEN 'payment' THEN l.amount WHEN 'refund' THEN -l.amount ELSE 0 END), 0) FROM ledger l WHERE l.order_id = o.id)`.as('paid'),
    sql<string | null>`(SELECT MAX(l.fee_date) FROM ledger l WHERE l.order_id = o.id AND l.kind = 'storage_fee')`.as('last_fee_date'),
    // K, the customer's last word: an inbound contact, or a payment (a customer who pays is not a no-show).
    // An imported payment is dated the day of the import, not the day it was made: it says nothing.
    sql<string | null>`(SELECT MAX(k.d) FROM (
      SELECT substr(c.created_at, 1, 10) AS d FROM communications c WHERE c.order_id = o.id AND c.direction = 'in'
      UNION ALL SELECT substr(l.created_at, 1, 10) FROM ledger l WHERE l.order_id = o.id AND l.kind = 'payment' AND COALESCE(l.note, '') <> ${IMPORTED_NOTE}) AS k)`.as('last_inbound_on'),
    // 0: never queued, 1: queued once (sent or withdrawn since), 2: waiting in the outbox now.
    sql<number>`(SELECT COALESCE(MAX(CASE x.status WHEN 'queued' THEN 2 ELSE 1 END), 0) FROM outbox x WHERE x.order_id = o.id AND x.template = 'pickup-overdue')`.as('overdue_notice'),
    sql<string | null>`(SELECT MAX(substr(c.created_at, 1, 10)) FROM communications c WHERE c.order_id = o.id AND c.template = 'pickup-overdue' AND c.direction = 'out')`.as('overdue_sent_on'),
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof policyQuery>['execute']>>[number];

/** The row itself, with its two computed columns typed: the sweep reads 100,000 of these, and a copy each cost GC time. */
function toPolicyOrder<R extends Row>(r: R): Omit<R, 'paid' | 'overdue_notice'> & PolicyOrder {
  const o = r as unknown as Record<string, unknown>;
  o.paid = Number(r.paid);
  o.overdue_notice_queued = Number(r.overdue_notice) === 2;
  o.overdue_notice_issued = Number(r.overdue_notice) > 0;
  return o as unknown as Omit<R, 'paid' | 'overdue_notice'> & PolicyOrder;
}

/**
 * Orders the policy may act on today: every ready order, and confirmed orders whose pickup is
 * within the reminder window.
 */
function candidates<Q extends ReturnType<typeof policyQuery> | ReturnType<typeof idQuery>>(query: Q, today: string, reminderUntil: string): Q {
  // Both queries select from `orders as o`; only their columns differ.
  const q = query as ReturnType<typeof idQuery>;
  return q
    // Literal, not bound: SQLite can only use the partial index orders_open_pickup when it can
    // see that the condition matches the index's own WHERE.
    .where(sql<boolean>`o.status IN ('confirmed', 'ready')`)
    .where((eb) => eb.or([eb('o.status', '=', 'ready'), eb('o.pickup_date', '>=', today).and('o.pickup_date', '<=', reminderUntil)]))
    // `+o.id`: ordering by the bare rowid made SQLite scan every order instead of the partial
    // index of open ones (300 ms against 60 ms on a million orders).
    .orderBy(sql`+o.id`) as unknown as Q;
}

function idQuery(db: DB) {
  return db.selectFrom('orders as o').select('o.id');
}

/**
 * The candidates' ids alone, in id order: the sweep then reads their facts a page at a time
 * (policyOrders), so memory stays flat in the number of orders due (SPEC 12).
 */
export async function policyCandidateIds(db: DB, today: string, reminderUntil: string): Promise<number[]> {
  return (await candidates(idQuery(db), today, reminderUntil).execute()).map((r) => r.id);
}

/** The policy's facts for these orders (at most IN_LIMIT), in id order. */
export async function policyOrders(db: DB, ids: readonly number[]): Promise<PolicyOrder[]> {
  if (ids.length === 0) return [];
  return (await policyQuery(db).where('o.id', 'in', ids).orderBy('o.id').execute()).map(toPolicyOrder);
}

/** A candidate with what the owner's agenda needs beside it. */
export type AgendaOrder = PolicyOrder & { customer_id: number; total: number; delivery_eta: string | null };

/**
 * The candidates with their customer and total: `orders today` reads the open orders once.
 * The customers are looked up for the few lines printed (customersByIds), not joined for all:
 * the join cost a third more on a million orders.
 */
export async function agendaCandidates(db: DB, today: string, reminderUntil: string): Promise<AgendaOrder[]> {
  return (await candidates(policyQuery(db), today, reminderUntil).select(['o.customer_id', 'o.total', 'o.delivery_eta']).execute()).map(toPolicyOrder);
}
