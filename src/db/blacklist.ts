import { insertMany } from './bulk.js';
import { inChunks } from './chunks.js';
import { isBlacklisted } from './customers.js';
import type { DB } from './types.js';

/** No-shows (policy cancellations for no-show) and current blacklisting, per customer. */
export async function noShowStanding(db: DB, customerIds: readonly number[]): Promise<Map<number, { noShows: number; blacklisted: boolean }>> {
  const out = new Map<number, { noShows: number; blacklisted: boolean }>();
  if (customerIds.length === 0) return out;
  const rows = await inChunks(customerIds, (slice) => db.selectFrom('customers as c').select((eb) => [
    'c.id',
    eb.selectFrom('orders as o').select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('o.customer_id', '=', 'c.id').where('o.cancelled_by', '=', 'policy').where('o.cancel_reason', '=', 'no-show').as('no_shows'),
    isBlacklisted('c.id').as('blacklisted'),
  ]).where('c.id', 'in', slice).execute());
  for (const r of rows) out.set(r.id, { noShows: Number(r.no_shows), blacklisted: Boolean(r.blacklisted) });
  return out;
}

/** In batches: a catch-up sweep with blacklist.auto on may add more entries than one statement can bind. */
export async function addBlacklistEntries(db: DB, entries: { customer_id: number; reason: string }[], at: string): Promise<void> {
  await insertMany(db, 'INSERT INTO blacklist (customer_id, reason, added_at)', '(?, ?, ?)', entries.map((e) => [e.customer_id, e.reason, at]));
}

export interface CustomerRecord {
  id: number;
  noShows: number;
  blacklisted: boolean;
  /** earlier orders that ended with money kept or fees charged */
  flags: { order_id: number; no_show: boolean; forfeited: number; storage_fees: number }[];
}

/** The record of the customer with this phone, if they have ordered before. */
export async function customerRecord(db: DB, phone: string): Promise<CustomerRecord | undefined> {
  const c = await db.selectFrom('customers').select('id').where('phone', '=', phone).executeTakeFirst();
  if (!c) return undefined;
  const standing = (await noShowStanding(db, [c.id])).get(c.id)!;
  const flags = await db.selectFrom('orders as o').innerJoin('ledger as l', 'l.order_id', 'o.id')
    .select((eb) => [
      'o.id as order_id',
      eb.fn.sum<number>(eb.case().when('l.kind', '=', 'forfeit').then(eb.ref('l.amount')).else(0).end()).as('forfeited'),
      eb.fn.sum<number>(eb.case().when('l.kind', '=', 'storage_fee').then(eb.ref('l.amount')).else(0).end()).as('storage_fees'),
      eb.fn.max(eb.case().when('o.cancel_reason', '=', 'no-show').then(1).else(0).end()).as('no_show'),
    ])
    .where('o.customer_id', '=', c.id).where('l.kind', 'in', ['forfeit', 'storage_fee'])
    .groupBy('o.id').orderBy('o.id').execute();
  return {
    id: c.id, ...standing,
    flags: flags.map((f) => ({ order_id: f.order_id, no_show: Number(f.no_show) === 1, forfeited: Number(f.forfeited), storage_fees: Number(f.storage_fees) })),
  };
}

export async function activeEntry(db: DB, customerId: number) {
  return db.selectFrom('blacklist').selectAll().where('customer_id', '=', customerId).where('lifted_at', 'is', null).executeTakeFirst();
}

export async function liftEntry(db: DB, id: number, at: string, reason: string | null): Promise<void> {
  await db.updateTable('blacklist').set({ lifted_at: at, lift_reason: reason }).where('id', '=', id).execute();
}

export async function blacklistEntries(db: DB, opts: { all: boolean; customerId?: number }) {
  let q = db.selectFrom('blacklist as b').innerJoin('customers as c', 'c.id', 'b.customer_id')
    .select(['b.id', 'b.customer_id', 'c.name', 'c.phone', 'b.reason', 'b.added_at', 'b.lifted_at', 'b.lift_reason']);
  if (!opts.all) q = q.where('b.lifted_at', 'is', null);
  if (opts.customerId !== undefined) q = q.where('b.customer_id', '=', opts.customerId);
  return q.orderBy('b.id').execute();
}
