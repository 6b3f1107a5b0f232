import { sql } from 'kysely';
import type { DB } from './types.js';

/**
 * Complaints are communications of kind 'complaint'; how one was resolved is a row of its own
 * (complaint_resolutions), so the evidence log is never updated.
 */
function complaintsQuery(db: DB) {
  return db.selectFrom('communications as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('complaint_resolutions as r', 'r.communication_id', 'c.id')
    .select(['c.id', 'c.order_id', 'c.customer_id', 'cu.name as customer_name', 'cu.phone as customer_phone',
      'c.created_at as opened_at', 'c.text', 'r.resolved_at', 'r.note as resolution'])
    .where('c.kind', '=', 'complaint');
}

export type ComplaintRow = Awaited<ReturnType<ReturnType<typeof complaintsQuery>['execute']>>[number];

/** Open complaints first (oldest first), then, with all, the resolved ones. */
export async function listComplaints(db: DB, all: boolean): Promise<ComplaintRow[]> {
  let q = complaintsQuery(db);
  if (!all) q = q.where('r.id', 'is', null);
  return q.orderBy(sql`r.id IS NOT NULL`).orderBy('c.id').execute();
}

export async function getComplaint(db: DB, id: number): Promise<ComplaintRow | undefined> {
  return complaintsQuery(db).where('c.id', '=', id).executeTakeFirst();
}

export async function addResolution(db: DB, communicationId: number, note: string, at: string): Promise<void> {
  await db.insertInto('complaint_resolutions').values({ communication_id: communicationId, note, resolved_at: at }).execute();
}

export async function openComplaintCount(db: DB): Promise<number> {
  const row = await db.selectFrom('communications as c').leftJoin('complaint_resolutions as r', 'r.communication_id', 'c.id')
    .select((eb) => eb.fn.countAll<number>().as('n')).where('c.kind', '=', 'complaint').where('r.id', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Opened and resolved times of the complaints opened in a period, for the report. */
export async function complaintTimes(db: DB, from: string, toExclusive: string): Promise<{ opened_at: string; resolved_at: string | null }[]> {
  return db.selectFrom('communications as c').leftJoin('complaint_resolutions as r', 'r.communication_id', 'c.id')
    .select(['c.created_at as opened_at', 'r.resolved_at']).where('c.kind', '=', 'complaint')
    .where('c.created_at', '>=', from).where('c.created_at', '<', toExclusive).execute();
}
