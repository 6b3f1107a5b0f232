import { listSetting } from '../core/settings.js';
import { addDays } from '../core/dates.js';
import { numberSetting } from '../core/settings.js';
import { decide, type PolicyAction, type PolicyOrder } from '../core/policy.js';
import { enqueue, expireStale, type QueuedMessage } from '../db/outbox.js';
import { policyCandidateIds, policyOrders } from '../db/policy.js';
import type { DB } from '../db/types.js';
import type { ServiceContext } from './context.js';

export function reminderDays(ctx: ServiceContext): number[] {
  return listSetting(ctx.settings, 'reminder.days_before');
}

/** noshow.notice_days: how long an overdue notice must have reached the customer before a cancellation. */
export function noticeDays(ctx: ServiceContext): number {
  return numberSetting(ctx.settings, 'noshow.notice_days');
}

export interface Decision {
  order: PolicyOrder;
  actions: PolicyAction[];
}

/** Orders per page: a smaller page leaves less for the garbage collector to promote (peak RSS). */
const PAGE = 1000;

/**
 * The policy's decisions for a day over every candidate order, a page of orders at a time
 * (ids first, then each page's facts), for the writers that act on them: memory stays flat in the number of orders due (SPEC 12). A page
 * is read after the earlier pages' writes, which touch only their own orders.
 */
export async function* decisionPages(db: DB, ctx: ServiceContext, day: string): AsyncGenerator<Decision[]> {
  const days = reminderDays(ctx);
  const ids = await policyCandidateIds(db, day, addDays(day, Math.max(0, ...days)));
  for (let i = 0; i < ids.length; i += PAGE) {
    const page = await policyOrders(db, ids.slice(i, i + PAGE));
    const notice = noticeDays(ctx);
    yield page.map((order) => ({ order, actions: decide(order, day, days, notice) })).filter((d) => d.actions.length > 0);
  }
}

/** The outbox rows that the reminder and overdue decisions call for (idempotent keys). */
export function noticesFor(order: PolicyOrder, actions: readonly PolicyAction[], today: string): QueuedMessage[] {
  const out: QueuedMessage[] = [];
  for (const a of actions) {
    if (a.kind === 'reminder') out.push({ order_id: order.id, template: 'pickup-reminder', due_on: today, dedupe_key: `pickup-reminder:${order.id}:${today}` });
    if (a.kind === 'overdue-notice') out.push({ order_id: order.id, template: 'pickup-overdue', due_on: today, dedupe_key: `pickup-overdue:${order.id}:${today}` });
    if (a.kind === 'cancel') out.push({ order_id: order.id, template: 'auto-cancel-notice', due_on: today, dedupe_key: `auto-cancel-notice:${order.id}` });
  }
  return out;
}

/** Queues today's reminders and overdue notices and retires stale ones; returns how many were new. */
export async function queueDueNotices(db: DB, ctx: ServiceContext): Promise<{ reminders: number; overdue: number }> {
  let reminders = 0;
  let overdue = 0;
  for await (const decisions of decisionPages(db, ctx, ctx.today)) {
    const added = await enqueue(db, decisions.flatMap((d) => noticesFor(d.order, d.actions.filter((a) => a.kind !== 'cancel'), ctx.today)), ctx.nowIso);
    reminders += added.filter((r) => r.template === 'pickup-reminder').length;
    overdue += added.filter((r) => r.template === 'pickup-overdue').length;
  }
  await expireStale(db, ctx.today);
  return { reminders, overdue };
}
