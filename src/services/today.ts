import { addDays } from '../core/dates.js';
import { balance, type Totals } from '../core/ledger.js';
import { clockOf, decide, type Clock } from '../core/policy.js';
import { customersByIds } from '../db/customers.js';
import { ordersByIds, totalsOf } from '../db/orders.js';
import { knownKeys, pendingMessages } from '../db/outbox.js';
import { agendaCandidates, type AgendaOrder } from '../db/policy.js';
import type { ServiceContext } from './context.js';
import { noticeDays, noticesFor, reminderDays } from './outbox.js';
import { explain } from './sweep.js';
import { viewsOf, type OrderView } from './views.js';

/** An open order on the agenda, with its customer, ledger totals and what is still owed. */
export interface AgendaLine {
  order: AgendaOrder;
  customer: { name: string; phone: string };
  totals: Totals;
  balance: number;
}

export interface Agenda {
  date: string;
  pickups: AgendaLine[];
  messages: { order_id: number; template: string }[];
  overdue: { line: AgendaLine; clock: Clock }[];
  tonight: { order_id: number; action: string; why: string }[];
}

/**
 * The owner's day: who comes, what to send, who is late, and what tonight's sweep will do and
 * why. One read of the open orders; the policy decides today's and tomorrow's actions in
 * memory, and only the pickups and late orders have their ledgers summed and customers looked up.
 */
export async function agenda(ctx: ServiceContext): Promise<Agenda> {
  const days = reminderDays(ctx);
  const tomorrow = addDays(ctx.today, 1);
  const candidates = await agendaCandidates(ctx.db, ctx.today, addDays(tomorrow, Math.max(0, ...days)));
  const pickups = candidates.filter((o) => o.pickup_date === ctx.today);
  const late = candidates.map((o) => ({ o, clock: clockOf(o) })).filter((x): x is { o: AgendaOrder; clock: Clock } => x.clock !== null && ctx.today > x.clock.start);
  const shown = [...pickups, ...late.map((x) => x.o)];
  const totals = await totalsOf(ctx.db, [...new Set(shown.map((o) => o.id))]);
  const customers = await customersByIds(ctx.db, [...new Set(shown.map((o) => o.customer_id))]);
  const line = (order: AgendaOrder): AgendaLine => {
    const t = totals.get(order.id)!;
    return { order, customer: customers.get(order.customer_id)!, totals: t, balance: balance(order.total, t, false) };
  };

  // What `orders remind` would print now: what is queued, plus what it would queue today.
  const queued = await pendingMessages(ctx.db, ctx.today);
  const wouldQueue = candidates.flatMap((o) => noticesFor(o, decide(o, ctx.today, days, noticeDays(ctx)).filter((a) => a.kind !== 'cancel' && a.kind !== 'storage-fees'), ctx.today));
  const known = await knownKeys(ctx.db, wouldQueue.map((m) => m.dedupe_key));
  const messages = [...queued, ...wouldQueue.filter((m) => !known.has(m.dedupe_key))].map((m) => ({ order_id: m.order_id, template: m.template }));

  const tonight = candidates.flatMap((o) => decide(o, tomorrow, days, noticeDays(ctx))
    .filter((a) => a.kind === 'storage-fees' || a.kind === 'cancel')
    .map((a) => ({ order_id: o.id, action: a.kind, why: explain(ctx, { order: o, actions: [a] }, a) })));
  return {
    date: ctx.today,
    pickups: pickups.map(line),
    messages,
    overdue: late.map((x) => ({ line: line(x.o), clock: x.clock })),
    tonight,
  };
}

/** The whole orders, for scripts that read the agenda's pickups as JSON. */
export async function orderViews(ctx: ServiceContext, ids: readonly number[]): Promise<OrderView[]> {
  return viewsOf(ctx.db, await ordersByIds(ctx.db, ids));
}
