import { clockOf, blacklistDecision, type PolicyAction } from '../core/policy.js';
import { numberSetting } from '../core/settings.js';
import { addBlacklistEntries, noShowStanding } from '../db/blacklist.js';
import { readHead, sealTouched } from '../db/evidence.js';
import { enqueue, expireStale } from '../db/outbox.js';
import { cancelNoShows, chargeStorageFees, claimSweep } from '../db/sweep.js';
import { writeTransaction } from '../db/tx.js';
import type { ServiceContext } from './context.js';
import { decisionsFor, noticesFor, type Decision } from './outbox.js';
import { money } from './views.js';

/** SPEC 9's sweep summary, with the reason for each thing done. */
export interface SweepSummary {
  date: string;
  reminders_queued: number;
  overdue_notices_queued: number;
  storage_fees_charged: number;
  cancelled: number[];
  blacklist_proposed: number[];
  blacklisted: number[];
  /** orders past their deadline that the fair-warning rule holds (SPEC 9) */
  held: { order_id: number; why: string }[];
  dry_run: boolean;
  /** 1 for the day's first sweep; more when a counter's cron or the owner ran it again */
  run_of_day: number;
  /** the evidence chain's head after the sweep, for the cron log (SPEC 12) */
  evidence_head: { count: number; hash: string };
  details: { order_id: number; action: string; why: string }[];
}

export function explain(ctx: ServiceContext, d: Decision, a: PolicyAction): string {
  const clock = clockOf(d.order);
  switch (a.kind) {
    case 'reminder': return `H-${a.daysBefore} reminder: pickup on ${d.order.pickup_date}`;
    case 'overdue-notice': return `ready since ${clock!.start}, not picked up`;
    case 'storage-fees': return `${money(ctx, a.amount)} storage for ${a.days.join(', ')}: free hold ended ${clock!.freeThrough}`;
    case 'cancel': return `not picked up and no word from the customer within ${d.order.cancel_after_days} days (deadline ${clock!.cancelOn}), overdue notice sent ${d.order.overdue_sent_on}: DP ${money(ctx, a.forfeit)} forfeited${a.owedBack ? `, ${money(ctx, a.owedBack)} owed back` : ''}`;
    case 'held': return heldWhy(a);
  }
}

/** Why the fair-warning rule holds an order past its clock's date. */
export function heldWhy(a: Extract<PolicyAction, { kind: 'held' }>): string {
  return a.noticeSentOn === null
    ? `deadline passed, but the customer has not been sent an overdue notice since the clock last moved; once it goes out (orders remind), cancellation on ${a.cancelOn}`
    : `overdue notice sent on ${a.noticeSentOn}: the customer has until ${a.cancelOn}`;
}

/**
 * The nightly job (SPEC 5) in one BEGIN IMMEDIATE transaction: queue reminders and overdue
 * notices, charge storage fees, cancel no-shows and forfeit their DP, queue their notices,
 * and propose or make blacklist entries. Idempotent; a dry run does it all and rolls back.
 */
export async function sweep(ctx: ServiceContext, dryRun: boolean): Promise<SweepSummary> {
  return writeTransaction(ctx.db, async (trx) => {
    const runOfDay = await claimSweep(trx, ctx.today, ctx.nowIso);
    const decisions = await decisionsFor(trx, ctx, ctx.today);
    const queued = await enqueue(trx, decisions.flatMap((d) => noticesFor(d.order, d.actions, ctx.today)), ctx.nowIso);
    const fees = decisions.flatMap((d) => d.actions.filter((a) => a.kind === 'storage-fees').map((a) => ({ order: d.order, days: a.days, amount: a.amount })));
    await chargeStorageFees(trx, fees.map((f) => ({ order_id: f.order.id, days: f.days, fee: f.order.storage_fee_per_day, detail: `${money(ctx, f.amount)} for ${f.days.join(', ')}` })), ctx.nowIso);
    const cancels = decisions.flatMap((d) => d.actions.filter((a) => a.kind === 'cancel').map((a) => ({ d, a })));
    const cancelled = await cancelNoShows(trx, cancels.map(({ d, a }) => ({
      order_id: d.order.id, forfeit: a.forfeit,
      detail: `by policy: no-show; DP forfeited ${money(ctx, a.forfeit)}${a.owedBack ? `; owed back ${money(ctx, a.owedBack)}` : ''}`,
    })), ctx.today, ctx.nowIso);
    await expireStale(trx, ctx.today);

    const standing = await noShowStanding(trx, [...new Set(cancelled.map((c) => c.customer_id))]);
    const threshold = numberSetting(ctx.settings, 'blacklist.after_no_shows');
    const auto = ctx.settings['blacklist.auto'] === 'on';
    const proposed: number[] = [];
    const added: number[] = [];
    for (const [customerId, s] of standing) {
      const decision = blacklistDecision(s.noShows, threshold, auto, s.blacklisted);
      if (decision === 'propose') proposed.push(customerId);
      if (decision === 'add') added.push(customerId);
    }
    await addBlacklistEntries(trx, added.map((id) => ({ customer_id: id, reason: `${standing.get(id)!.noShows} no-shows (blacklist.auto)` })), ctx.nowIso);

    // Orders changed tonight are chained now, so the head printed is the one committed.
    await sealTouched(trx);
    const head = await readHead(trx);
    // Reminders already queued on an earlier run today are not news.
    const reminded = new Set(queued.filter((q) => q.template === 'pickup-reminder').map((q) => q.order_id));
    return {
      date: ctx.today,
      reminders_queued: reminded.size,
      overdue_notices_queued: queued.filter((q) => q.template === 'pickup-overdue').length,
      storage_fees_charged: fees.reduce((n, f) => n + f.days.length, 0),
      cancelled: cancelled.map((c) => c.order_id),
      blacklist_proposed: proposed.sort((a, b) => a - b),
      blacklisted: added.sort((a, b) => a - b),
      held: decisions.flatMap((d) => d.actions.filter((a) => a.kind === 'held').map((a) => ({ order_id: d.order.id, why: heldWhy(a) }))),
      dry_run: dryRun,
      run_of_day: runOfDay,
      evidence_head: head,
      details: decisions.flatMap((d) => d.actions
        .filter((a) => a.kind !== 'held' && (a.kind !== 'reminder' || reminded.has(d.order.id)))
        .map((a) => ({ order_id: d.order.id, action: a.kind, why: explain(ctx, d, a) }))),
    };
  }, { dryRun });
}

