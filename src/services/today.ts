import { addDays } from '../core/dates.js';
import { clockOf, decide, type Clock } from '../core/policy.js';
import { findOrders, ordersByIds } from '../db/orders.js';
import { knownKeys, pendingMessages } from '../db/outbox.js';
import { policyCandidates } from '../db/policy.js';
import type { ServiceContext } from './context.js';
import { noticesFor, reminderDays } from './outbox.js';
import { explain } from './sweep.js';
import { viewsOf, type OrderView } from './views.js';

export interface Agenda {
  date: string;
  pickups: OrderView[];
  messages: { order_id: number; template: string }[];
  overdue: { view: OrderView; clock: Clock }[];
  tonight: { order_id: number; action: string; why: string }[];
}

/**
 * The owner's day: who comes, what to send, who is late, and what tonight's sweep will do and
 * why. One read of the open orders; the policy decides today's and tomorrow's actions in memory.
 */
export async function agenda(ctx: ServiceContext): Promise<Agenda> {
  const days = reminderDays(ctx);
  const tomorrow = addDays(ctx.today, 1);
  const candidates = await policyCandidates(ctx.db, ctx.today, addDays(tomorrow, Math.max(0, ...days)));
  const pickups = await viewsOf(ctx.db, await findOrders(ctx.db, { statuses: ['confirmed', 'ready'], pickupFrom: ctx.today, pickupTo: ctx.today }));

  // What `orders remind` would print now: what is queued, plus what it would queue today.
  const queued = await pendingMessages(ctx.db, ctx.today);
  const wouldQueue = candidates.flatMap((o) => noticesFor(o, decide(o, ctx.today, days).filter((a) => a.kind !== 'cancel' && a.kind !== 'storage-fees'), ctx.today));
  const known = await knownKeys(ctx.db, wouldQueue.map((m) => m.dedupe_key));
  const messages = [...queued, ...wouldQueue.filter((m) => !known.has(m.dedupe_key))].map((m) => ({ order_id: m.order_id, template: m.template }));

  const late = candidates.map((o) => ({ o, clock: clockOf(o) })).filter((x): x is { o: typeof x.o; clock: Clock } => x.clock !== null && ctx.today > x.clock.start);
  const lateViews = new Map((await viewsOf(ctx.db, await ordersByIds(ctx.db, late.map((x) => x.o.id)))).map((v) => [v.row.id, v]));
  const tonight = candidates.flatMap((o) => decide(o, tomorrow, days)
    .filter((a) => a.kind === 'storage-fees' || a.kind === 'cancel')
    .map((a) => ({ order_id: o.id, action: a.kind, why: explain(ctx, { order: o, actions: [a] }, a) })));
  return {
    date: ctx.today,
    pickups,
    messages,
    overdue: late.map((x) => ({ view: lateViews.get(x.o.id)!, clock: x.clock })),
    tonight,
  };
}
