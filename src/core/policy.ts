import { addDays, maxDate } from './dates.js';
import { forfeitOnCancel } from './ledger.js';
import type { Status } from './lifecycle.js';

/**
 * The shop's policy as a pure function: what is due for one order on one day (SPEC "The
 * no-show clock, exactly"). The sweep applies these actions; remind and today read them.
 */
export interface PolicyOrder {
  id: number;
  status: Status;
  fulfilment: 'pickup' | 'delivery';
  pickup_date: string;
  ready_on: string | null;
  /** H: the day an extension holds the order until */
  hold_until: string | null;
  /** the day that extension was granted */
  hold_set_on: string | null;
  /** K: the day of the customer's last inbound contact or payment */
  last_inbound_on: string | null;
  grace_days: number;
  cancel_after_days: number;
  storage_fee_per_day: number;
  deposit_required: number;
  paid: number;
  /** the latest day a storage fee was charged for */
  last_fee_date: string | null;
  /** an overdue notice is waiting in the outbox */
  overdue_notice_queued: boolean;
  /** an overdue notice was ever queued (sent, waiting or withdrawn) */
  overdue_notice_issued: boolean;
  /** W: the latest day an overdue notice was printed or delivered to the customer */
  overdue_sent_on: string | null;
}

export interface Clock {
  /** S: the later of the pickup date and the day the order became ready */
  start: string;
  /** the free hold lasts through this day */
  freeThrough: string;
  /** max(S, H, K) + c: the earliest day a sweep may cancel, warning aside */
  cancelOn: string;
}

export type PolicyAction =
  | { kind: 'reminder'; daysBefore: number }
  | { kind: 'overdue-notice' }
  | { kind: 'storage-fees'; days: string[]; amount: number }
  | { kind: 'held'; noticeSentOn: string | null; cancelOn: string }
  | { kind: 'cancel'; forfeit: number; owedBack: number };

/** The clock runs only for a ready order waiting for pickup: the shop's delays are never the customer's. */
export function clockOf(o: PolicyOrder): Clock | null {
  if (o.status !== 'ready' || o.fulfilment !== 'pickup') return null;
  const start = maxDate(o.pickup_date, o.ready_on ?? o.pickup_date);
  const hold = o.hold_until ?? start;
  const contact = o.last_inbound_on ?? start;
  return {
    start,
    freeThrough: maxDate(addDays(start, o.grace_days), hold),
    cancelOn: addDays(maxDate(start, hold, contact), o.cancel_after_days),
  };
}

/**
 * The day of the overdue notice that still counts: sent after the clock started and after the
 * clock last moved (a contact or an extension), so the date it named is the one in force.
 */
export function noticeInForce(o: PolicyOrder, clock: Clock): string | null {
  const w = o.overdue_sent_on;
  if (w === null) return null;
  return w >= maxDate(clock.start, o.last_inbound_on ?? clock.start, o.hold_set_on ?? clock.start) ? w : null;
}

/**
 * The day the sweep will really cancel (SPEC fair warning): never before the clock's date, nor
 * before `noticeDays` after the notice; without a notice in force, as if it were sent `today`.
 */
export function deadline(o: PolicyOrder, clock: Clock, today: string, noticeDays: number): string {
  return maxDate(clock.cancelOn, addDays(noticeInForce(o, clock) ?? today, noticeDays));
}

export function decide(o: PolicyOrder, today: string, reminderDays: readonly number[], noticeDays: number): PolicyAction[] {
  const actions: PolicyAction[] = [];
  if ((o.status === 'confirmed' || o.status === 'ready') && o.fulfilment === 'pickup') {
    for (const n of reminderDays) {
      if (addDays(o.pickup_date, -n) === today) actions.push({ kind: 'reminder', daysBefore: n });
    }
  }
  const clock = clockOf(o);
  if (!clock) return actions;
  const sentOn = noticeInForce(o, clock);
  const due = today >= clock.cancelOn;
  const cancelOn = sentOn === null ? null : maxDate(clock.cancelOn, addDays(sentOn, noticeDays));
  const cancelling = due && cancelOn !== null && today >= cancelOn;
  // The notice goes once, on the first sweep after S; again only when a deadline has come with
  // no notice in force (the customer got in touch or was given more time since) and none waits.
  const firstNotice = today > clock.start && !o.overdue_notice_issued;
  const againNotice = due && sentOn === null && !o.overdue_notice_queued;
  if (firstNotice || againNotice) actions.push({ kind: 'overdue-notice' });
  if (o.storage_fee_per_day > 0) {
    const days: string[] = [];
    // Fees run from the day after the free hold (or the last day charged) up to today, and
    // never for the day of the cancellation or after it, however late the sweep runs.
    const last = cancelling ? addDays(cancelOn!, -1) : today;
    for (let d = addDays(maxDate(clock.freeThrough, o.last_fee_date ?? clock.freeThrough), 1); d <= last; d = addDays(d, 1)) days.push(d);
    if (days.length) actions.push({ kind: 'storage-fees', days, amount: days.length * o.storage_fee_per_day });
  }
  if (cancelling) {
    const forfeit = forfeitOnCancel(o.paid, o.deposit_required);
    actions.push({ kind: 'cancel', forfeit, owedBack: o.paid - forfeit });
  } else if (due) {
    actions.push({ kind: 'held', noticeSentOn: sentOn, cancelOn: deadline(o, clock, today, noticeDays) });
  }
  return actions;
}

/** After enough no-shows the sweep proposes a blacklist entry, or makes it when blacklist.auto is on. */
export function blacklistDecision(noShows: number, threshold: number, auto: boolean, blacklisted: boolean): 'none' | 'propose' | 'add' {
  if (blacklisted || threshold <= 0 || noShows < threshold) return 'none';
  return auto ? 'add' : 'propose';
}
