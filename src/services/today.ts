import { addDays, daysBetween } from '../core/dates.js';
import { dueOn } from '../core/due.js';
import { balance, waivableDeliveryFee, type Totals } from '../core/ledger.js';
import { clockOf, deadline, decide, type Clock } from '../core/policy.js';
import { deliveriesLate, depositsUnpaid, shopLate, type LateOrder, type UnpaidDeposit } from '../db/agenda.js';
import { openComplaintCount } from '../db/complaints.js';
import { customersByIds } from '../db/customers.js';
import { ordersByIds, totalsOf } from '../db/orders.js';
import { knownKeys, pendingMessages } from '../db/outbox.js';
import { agendaCandidates, type AgendaOrder } from '../db/policy.js';
import type { ServiceContext } from './context.js';
import { noticeDays, noticesFor, reminderDays } from './outbox.js';
import { explain, heldWhy } from './sweep.js';
import { viewsOf, type OrderView } from './views.js';

/** An open order on the agenda, with its customer, ledger totals and what is still owed. */
export interface AgendaLine {
  order: AgendaOrder;
  customer: { name: string; phone: string };
  totals: Totals;
  balance: number;
}

/** Something the shop is behind on, with who to write to. */
export interface BehindLine<T> {
  item: T;
  customer: { name: string; phone: string };
  days_late: number;
}

/**
 * A late order, with what answers it: a DP still unpaid waits on the customer (the deposit
 * reminder); otherwise compensation, once (and a delivery fee to waive, if there is one).
 */
export interface LateLine extends BehindLine<LateOrder> {
  compensated: boolean;
  deposit_unpaid: boolean;
  has_delivery_fee: boolean;
}

export interface Agenda {
  date: string;
  pickups: AgendaLine[];
  messages: { order_id: number; template: string }[];
  overdue: { line: AgendaLine; clock: Clock }[];
  tonight: { order_id: number; action: string; why: string }[];
  shopLate: LateLine[];
  deliveriesLate: LateLine[];
  depositsUnpaid: BehindLine<UnpaidDeposit>[];
  held: { order_id: number; why: string }[];
  complaintsOpen: number;
}

/**
 * The owner's day: who comes, what to send, who is late, what tonight's sweep will do and why,
 * and what the shop itself is behind on (SPEC 11). One read of the open orders; the policy
 * decides today's and tomorrow's actions in memory, and only the orders shown have their
 * ledgers summed and customers looked up. The shop's own lists are small indexed reads.
 */
export async function agenda(ctx: ServiceContext): Promise<Agenda> {
  const days = reminderDays(ctx);
  const tomorrow = addDays(ctx.today, 1);
  const candidates = await agendaCandidates(ctx.db, ctx.today, addDays(tomorrow, Math.max(0, ...days)));
  // A delivery is due on its delivery day (an accepted one's ETA may differ from the pickup date).
  const pickups = candidates.filter((o) => dueOn(o) === ctx.today);
  const notice = noticeDays(ctx);
  // The cancellation day shown is the one the sweep will really use (fair warning).
  const late = candidates.map((o) => {
    const clock = clockOf(o);
    return { o, clock: clock && { ...clock, cancelOn: deadline(o, clock, ctx.today, notice) } };
  }).filter((x): x is { o: AgendaOrder; clock: Clock } => x.clock !== null && ctx.today > x.clock.start);
  const shown = [...pickups, ...late.map((x) => x.o)];
  const [shopLateRows, deliveriesLateRows, unpaid, complaintsOpen] = await Promise.all([
    shopLate(ctx.db, ctx.today), deliveriesLate(ctx.db, ctx.today), depositsUnpaid(ctx.db), openComplaintCount(ctx.db)]);
  // Each late order once: an accepted delivery past its ETA is listed as such.
  const delivering = new Set(deliveriesLateRows.map((o) => o.id));
  const lateRows = shopLateRows.filter((o) => !delivering.has(o.id));
  const unpaidIds = new Set(unpaid.map((o) => o.id));
  // One read of the ledger totals for every order shown, late ones included.
  const totals = await totalsOf(ctx.db, [...new Set([...shown, ...lateRows, ...deliveriesLateRows].map((o) => o.id))]);
  const lateLine = (o: LateOrder): LateLine => {
    const t = totals.get(o.id)!;
    // `compensate` always refunds or waives something, so the ledger says whether it was done.
    return { ...behindLine(o, o.due), compensated: t.compensation + t.waived > 0, deposit_unpaid: unpaidIds.has(o.id), has_delivery_fee: waivableDeliveryFee(t) > 0 };
  };
  const behind = [...lateRows, ...deliveriesLateRows, ...unpaid];
  const customers = await customersByIds(ctx.db, [...new Set([...shown, ...behind].map((o) => o.customer_id))]);
  const behindLine = <T extends { customer_id: number }>(item: T, since: string): BehindLine<T> => ({
    item, customer: customers.get(item.customer_id)!, days_late: daysBetween(since, ctx.today),
  });
  const line = (order: AgendaOrder): AgendaLine => {
    const t = totals.get(order.id)!;
    return { order, customer: customers.get(order.customer_id)!, totals: t, balance: balance(order.total, t, false) };
  };

  const today = new Map(candidates.map((o) => [o.id, decide(o, ctx.today, days, notice)]));
  // What `orders remind` would print now: what is queued, plus what it would queue today.
  const queued = await pendingMessages(ctx.db, ctx.today);
  const wouldQueue = candidates.flatMap((o) => noticesFor(o, today.get(o.id)!.filter((a) => a.kind === 'reminder' || a.kind === 'overdue-notice'), ctx.today));
  const known = await knownKeys(ctx.db, wouldQueue.map((m) => m.dedupe_key));
  const messages = [...queued, ...wouldQueue.filter((m) => !known.has(m.dedupe_key))].map((m) => ({ order_id: m.order_id, template: m.template }));

  const tonight = candidates.flatMap((o) => decide(o, tomorrow, days, notice)
    .filter((a) => a.kind === 'storage-fees' || a.kind === 'cancel')
    .map((a) => ({ order_id: o.id, action: a.kind, why: explain(ctx, { order: o, actions: [a] }, a) })));
  return {
    date: ctx.today,
    pickups: pickups.map(line),
    messages,
    overdue: late.map((x) => ({ line: line(x.o), clock: x.clock })),
    tonight,
    shopLate: lateRows.map(lateLine),
    deliveriesLate: deliveriesLateRows.map(lateLine),
    depositsUnpaid: unpaid.map((o) => behindLine(o, o.created_on)),
    held: candidates.flatMap((o) => today.get(o.id)!.filter((a) => a.kind === 'held').map((a) => ({ order_id: o.id, why: heldWhy(a) }))),
    complaintsOpen,
  };
}

/** The whole orders, for scripts that read the agenda's pickups as JSON. */
export async function orderViews(ctx: ServiceContext, ids: readonly number[]): Promise<OrderView[]> {
  return viewsOf(ctx.db, await ordersByIds(ctx.db, ids));
}
