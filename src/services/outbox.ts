import { listSetting } from '../core/settings.js';
import { addDays } from '../core/dates.js';
import { numberSetting } from '../core/settings.js';
import { decide, type PolicyAction, type PolicyOrder } from '../core/policy.js';
import { enqueue, expireStale, type QueuedMessage } from '../db/outbox.js';
import { policyCandidates } from '../db/policy.js';
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

/** The policy's decisions for a day over every candidate order: the one set the sweep, remind and today share. */
export async function decisionsFor(db: DB, ctx: ServiceContext, day: string): Promise<Decision[]> {
  const days = reminderDays(ctx);
  const candidates = await policyCandidates(db, day, addDays(day, Math.max(0, ...days)));
  return candidates.map((order) => ({ order, actions: decide(order, day, days, noticeDays(ctx)) })).filter((d) => d.actions.length > 0);
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
  const decisions = await decisionsFor(db, ctx, ctx.today);
  const added = await enqueue(db, decisions.flatMap((d) => noticesFor(d.order, d.actions.filter((a) => a.kind !== 'cancel'), ctx.today)), ctx.nowIso);
  await expireStale(db, ctx.today);
  return {
    reminders: added.filter((r) => r.template === 'pickup-reminder').length,
    overdue: added.filter((r) => r.template === 'pickup-overdue').length,
  };
}
