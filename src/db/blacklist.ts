import type { DB } from './types.js';

/** No-shows (policy cancellations for no-show) and current blacklisting, per customer. */
export async function noShowStanding(db: DB, customerIds: readonly number[]): Promise<Map<number, { noShows: number; blacklisted: boolean }>> {
  const out = new Map<number, { noShows: number; blacklisted: boolean }>();
  if (customerIds.length === 0) return out;
  const rows = await db.selectFrom('customers as c').select((eb) => [
    'c.id',
    eb.selectFrom('orders as o').select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('o.customer_id', '=', 'c.id').where('o.cancelled_by', '=', 'policy').where('o.cancel_reason', '=', 'no-show').as('no_shows'),
    eb.exists(eb.selectFrom('blacklist as b').select('b.id').whereRef('b.customer_id', '=', 'c.id').where('b.lifted_at', 'is', null)).as('blacklisted'),
  ]).where('c.id', 'in', customerIds).execute();
  for (const r of rows) out.set(r.id, { noShows: Number(r.no_shows), blacklisted: Boolean(r.blacklisted) });
  return out;
}

export async function addBlacklistEntries(db: DB, entries: { customer_id: number; reason: string }[], at: string): Promise<void> {
  if (entries.length) await db.insertInto('blacklist').values(entries.map((e) => ({ ...e, added_at: at }))).execute();
}
