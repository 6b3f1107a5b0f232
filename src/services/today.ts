import { addDays } from '../core/dates.js';
import { clockOf, type Clock } from '../core/policy.js';
import { findOrders, getOrder } from '../db/orders.js';
import { dueMessages } from '../db/outbox.js';
import { policyCandidates } from '../db/policy.js';
import { writeTransaction } from '../db/tx.js';
import type { ServiceContext } from './context.js';
import { decisionsFor, queueDueNotices, reminderDays } from './outbox.js';
import { explain } from './sweep.js';
import { viewsOf, type OrderView } from './views.js';

export interface Agenda {
  date: string;
  pickups: OrderView[];
  messages: { order_id: number; template: string }[];
  overdue: { view: OrderView; clock: Clock }[];
  tonight: { order_id: number; action: string; why: string }[];
}

/** The owner's day: who comes, what to send, who is late, and what tonight's sweep will do and why. */
export async function agenda(ctx: ServiceContext): Promise<Agenda> {
  const pickups = await viewsOf(ctx.db, await findOrders(ctx.db, { statuses: ['confirmed', 'ready'], pickupFrom: ctx.today, pickupTo: ctx.today }));
  // What `orders remind` would print now: queue in a transaction that is rolled back.
  const messages = await writeTransaction(ctx.db, async (trx) => {
    await queueDueNotices(trx, ctx);
    return (await dueMessages(trx, ctx.today)).map((m) => ({ order_id: m.order_id, template: m.template }));
  }, { dryRun: true });
  const late = (await policyCandidates(ctx.db, ctx.today, addDays(ctx.today, Math.max(0, ...reminderDays(ctx)))))
    .map((o) => ({ o, clock: clockOf(o) }))
    .filter((x): x is { o: typeof x.o; clock: Clock } => x.clock !== null && ctx.today > x.clock.start);
  const lateRows = (await Promise.all(late.map((x) => getOrder(ctx.db, x.o.id)))).filter((r) => r !== undefined);
  const lateViews = await viewsOf(ctx.db, lateRows);
  const tomorrow = addDays(ctx.today, 1);
  const tonight = (await decisionsFor(ctx.db, ctx, tomorrow)).flatMap((d) => d.actions
    .filter((a) => a.kind === 'storage-fees' || a.kind === 'cancel')
    .map((a) => ({ order_id: d.order.id, action: a.kind, why: explain(ctx, d, a) })));
  return {
    date: ctx.today,
    pickups,
    messages,
    overdue: lateViews.map((view, i) => ({ view, clock: late[i]!.clock })),
    tonight,
  };
}
