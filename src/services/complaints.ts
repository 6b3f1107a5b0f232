import { RefusedError } from '../core/errors.js';
import { addResolution, getComplaint, listComplaints, type ComplaintRow } from '../db/complaints.js';
import { addEvent } from '../db/orders.js';
import { inWrite, type ServiceContext } from './context.js';

/** A complaint as SPEC 9 gives it to scripts. */
export interface Complaint {
  id: number;
  order_id: number | null;
  customer: { id: number; name: string; phone: string };
  opened_at: string;
  text: string;
  status: 'open' | 'resolved';
  resolved_at: string | null;
  resolution: string | null;
}

function complaintOf(r: ComplaintRow): Complaint {
  return {
    id: r.id, order_id: r.order_id, customer: { id: r.customer_id, name: r.customer_name, phone: r.customer_phone },
    opened_at: r.opened_at, text: r.text, status: r.resolved_at === null ? 'open' : 'resolved',
    resolved_at: r.resolved_at, resolution: r.resolution,
  };
}

export async function complaints(ctx: ServiceContext, all: boolean): Promise<Complaint[]> {
  return (await listComplaints(ctx.db, all)).map(complaintOf);
}

/** Records how a complaint was resolved: a new row, and an event on its order's timeline. */
export async function resolveComplaint(ctx: ServiceContext, id: number, note: string): Promise<Complaint> {
  await inWrite(ctx, async (ctx) => {
    const c = await getComplaint(ctx.db, id);
    if (!c) throw new RefusedError(`There is no complaint ${id}; \`orders complaints\` lists the open ones.`);
    if (c.resolved_at !== null) throw new RefusedError(`Complaint ${id} was already resolved on ${c.resolved_at.slice(0, 10)}: ${c.resolution}.`);
    await addResolution(ctx.db, id, note, ctx.nowIso);
    if (c.order_id !== null) await addEvent(ctx.db, c.order_id, 'complaint-resolved', `complaint ${id}: ${note}`, ctx.nowIso);
  });
  return complaintOf((await getComplaint(ctx.db, id))!);
}
