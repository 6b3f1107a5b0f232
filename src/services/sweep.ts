import { clockOf, blacklistDecision, type PolicyAction } from '../core/policy.js';
import { numberSetting } from '../core/settings.js';
import { addBlacklistEntries, noShowStanding } from '../db/blacklist.js';
import { readHead, sealTouched } from '../db/evidence.js';
import { enqueue, expireStale } from '../db/outbox.js';
import { cancelNoShows, chargeStorageFees, claimSweep, CHAIN_SLICE, type FeeCharge, type NoShow } from '../db/sweep.js';
import { inWrite, type ServiceContext } from './context.js';
import { decisionPages, noticesFor, type Decision } from './outbox.js';
import { money } from './views.js';

/** SPEC 9's sweep summary, with the reason for each thing done. */
export interface SweepSummary {
  date: string;
  /** 1 for the night's first sweep, 2 for the next (another counter's cron, or a rerun) */
  run_of_day: number;
  reminders_queued: number;
  overdue_notices_queued: number;
  storage_fees_charged: number;
  cancelled: number[];
  blacklist_proposed: number[];
  blacklisted: number[];
  /** orders past their deadline that the fair-warning rule holds (SPEC 9) */
  held: { order_id: number; why: string }[];
  dry_run: boolean;
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

export type SweepDetail = SweepSummary['details'][number];

/**
 * The nightly job (SPEC 5) in one BEGIN IMMEDIATE transaction: queue reminders and overdue
 * notices, charge storage fees, cancel no-shows and forfeit their DP, queue their notices,
 * and propose or make blacklist entries. Idempotent; a dry run does it all and rolls back.
 * The due orders are read and acted on a page at a time, and each page's details go to
 * onDetails instead of being held, so memory stays flat in the number due (SPEC 12). Fees are
 * charged in slices of the same size and the cancellations (a few numbers and a line each)
 * made after the last page, so rows are written and chained in the same order as one pass.
 */
export async function sweep(ctx: ServiceContext, dryRun: boolean, onDetails: (page: SweepDetail[]) => void | Promise<void> = () => {}): Promise<Omit<SweepSummary, 'details'>> {
  return inWrite(ctx, async (ctx) => {
    const run = await claimSweep(ctx.db, ctx.today, ctx.nowIso);
    let reminders = 0;
    let overdue = 0;
    let feeDays = 0;
    const fees: FeeCharge[] = [];
    const cancels: NoShow[] = [];
    // Held orders are listed before the details, so they are kept: an id and a line each, the
    // line shared by the orders with the same two dates (at 100,000 due, ~40,000 copies cost ~7 MB).
    const held: SweepSummary['held'] = [];
    const heldLines = new Map<string, string>();
    for await (const decisions of decisionPages(ctx.db, ctx, ctx.today)) {
      const queued = await enqueue(ctx.db, decisions.flatMap((d) => noticesFor(d.order, d.actions, ctx.today)), ctx.nowIso);
      // Reminders already queued on an earlier run today are not news.
      const reminded = new Set(queued.filter((q) => q.template === 'pickup-reminder').map((q) => q.order_id));
      reminders += reminded.size;
      overdue += queued.filter((q) => q.template === 'pickup-overdue').length;
      for (const d of decisions) {
        for (const a of d.actions) {
          if (a.kind === 'storage-fees') {
            fees.push({ order_id: d.order.id, days: a.days, fee: d.order.storage_fee_per_day, detail: `${money(ctx, a.amount)} for ${a.days.join(', ')}` });
            feeDays += a.days.length;
          }
          if (a.kind === 'held') {
            const key = `${a.noticeSentOn} ${a.cancelOn}`;
            let why = heldLines.get(key);
            if (why === undefined) heldLines.set(key, (why = heldWhy(a)));
            held.push({ order_id: d.order.id, why });
          }
          if (a.kind === 'cancel') {
            cancels.push({
              order_id: d.order.id, forfeit: a.forfeit,
              detail: `by policy: no-show; DP forfeited ${money(ctx, a.forfeit)}${a.owedBack ? `; owed back ${money(ctx, a.owedBack)}` : ''}`,
            });
          }
        }
      }
      while (fees.length >= CHAIN_SLICE) await chargeStorageFees(ctx.db, fees.splice(0, CHAIN_SLICE), ctx.nowIso);
      await onDetails(decisions.flatMap((d) => d.actions
        .filter((a) => a.kind !== 'held' && (a.kind !== 'reminder' || reminded.has(d.order.id)))
        .map((a) => ({ order_id: d.order.id, action: a.kind, why: explain(ctx, d, a) }))));
    }
    await chargeStorageFees(ctx.db, fees, ctx.nowIso);
    const cancelled = await cancelNoShows(ctx.db, cancels, ctx.today, ctx.nowIso);
    await expireStale(ctx.db, ctx.today);

    const standing = await noShowStanding(ctx.db, [...new Set(cancelled.map((c) => c.customer_id))]);
    const threshold = numberSetting(ctx.settings, 'blacklist.after_no_shows');
    const auto = ctx.settings['blacklist.auto'] === 'on';
    const proposed: number[] = [];
    const added: number[] = [];
    for (const [customerId, s] of standing) {
      const decision = blacklistDecision(s.noShows, threshold, auto, s.blacklisted);
      if (decision === 'propose') proposed.push(customerId);
      if (decision === 'add') added.push(customerId);
    }
    await addBlacklistEntries(ctx.db, added.map((id) => ({ customer_id: id, reason: `${standing.get(id)!.noShows} no-shows (blacklist.auto)` })), ctx.nowIso);

    // Orders changed tonight are chained now, so the head printed is the one committed.
    await sealTouched(ctx.db);
    const head = await readHead(ctx.db);
    return {
      date: ctx.today,
      run_of_day: run,
      reminders_queued: reminders,
      overdue_notices_queued: overdue,
      storage_fees_charged: feeDays,
      cancelled: cancelled.map((c) => c.order_id),
      blacklist_proposed: proposed.sort((a, b) => a - b),
      blacklisted: added.sort((a, b) => a - b),
      held,
      dry_run: dryRun,
      evidence_head: head,
    };
  }, { dryRun });
}
