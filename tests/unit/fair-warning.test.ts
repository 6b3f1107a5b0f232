import { describe, expect, it } from 'vitest';
import { addDays, maxDate } from '../../src/core/dates.ts';
import { clockOf, decide, type PolicyOrder } from '../../src/core/policy.ts';

/** A small deterministic generator (mulberry32), so a failing calendar can be replayed by its seed. */
function rng(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

interface Calendar {
  order: PolicyOrder;
  noticeDays: number;
  contacts: Set<string>;
  extensions: Map<string, string>;
  sweeps: Set<string>;
  reminds: Set<string>;
  from: string;
  to: string;
}

/** A ready order with random pickup and ready days, contacts, extensions, missed nights and mornings. */
function calendar(seed: number): Calendar {
  const r = rng(seed);
  const from = '2026-11-20';
  const pickup = addDays(from, 3 + r(10));
  const readyOn = addDays(pickup, r(6) - 3);
  const to = addDays(pickup, 45);
  const contacts = new Set<string>();
  const extensions = new Map<string, string>();
  const sweeps = new Set<string>();
  const reminds = new Set<string>();
  for (let d = readyOn; d <= to; d = addDays(d, 1)) {
    if (d < addDays(pickup, 20) && r(12) === 0) contacts.add(d);
    if (d < addDays(pickup, 20) && r(15) === 0) extensions.set(d, addDays(d, 1 + r(6)));
    if (r(4) !== 0) sweeps.add(d);
    if (r(3) !== 0) reminds.add(d);
  }
  return {
    order: {
      id: seed, status: 'ready', fulfilment: 'pickup', pickup_date: pickup, ready_on: readyOn, hold_until: null, hold_set_on: null,
      last_inbound_on: null, grace_days: r(4), cancel_after_days: 1 + r(9), storage_fee_per_day: r(2) * 5000, deposit_required: 50000,
      paid: 50000, last_fee_date: null, overdue_notice_queued: false, overdue_notice_issued: false, overdue_sent_on: null,
    },
    noticeDays: r(5), contacts, extensions, sweeps, reminds, from: readyOn, to,
  };
}

/**
 * Plays a calendar day by day as the shop would: the customer's contacts and the owner's
 * extensions in the day (each withdraws a waiting notice), the sweep at night when it runs,
 * `orders remind` in the morning when the owner runs it. The model keeps its own record of
 * when a notice reached the customer and when the clock last moved, to check the policy against.
 */
function play(c: Calendar) {
  const o = { ...c.order };
  let sentOn: string | null = null;
  let movedOn = '0000-00-00';
  const fees: string[] = [];
  for (let d = c.from; d <= c.to; d = addDays(d, 1)) {
    if (c.contacts.has(d)) {
      o.last_inbound_on = d;
      o.overdue_notice_queued = false;
      movedOn = d;
    }
    const ext = c.extensions.get(d);
    if (ext) {
      o.hold_until = ext;
      o.hold_set_on = d;
      o.overdue_notice_queued = false;
      movedOn = d;
    }
    if (c.reminds.has(d) && o.overdue_notice_queued) {
      o.overdue_sent_on = d;
      o.overdue_notice_queued = false;
      sentOn = d;
    }
    if (!c.sweeps.has(d)) continue;
    for (const a of decide(o, d, [2, 1], c.noticeDays)) {
      if (a.kind === 'overdue-notice') o.overdue_notice_queued = o.overdue_notice_issued = true;
      if (a.kind === 'storage-fees') {
        fees.push(...a.days);
        o.last_fee_date = a.days.at(-1)!;
      }
      if (a.kind === 'cancel') return { cancelledOn: d, sentOn, movedOn, clock: clockOf(o)!, fees };
    }
  }
  return { cancelledOn: null, sentOn, movedOn, clock: clockOf(o)!, fees };
}

describe('the fair-warning rule over 50 generated calendars', () => {
  const seeds = Array.from({ length: 50 }, (_, i) => i + 1);

  it.each(seeds)('calendar %i: never a cancellation without a notice in force for notice_days, nor before the clock', (seed) => {
    const c = calendar(seed);
    const { cancelledOn, sentOn, movedOn, clock, fees } = play(c);
    if (cancelledOn !== null) {
      expect(sentOn, 'a notice reached the customer').not.toBeNull();
      expect(sentOn! >= movedOn, `the notice (${sentOn}) came after the clock last moved (${movedOn})`).toBe(true);
      expect(cancelledOn >= addDays(sentOn!, c.noticeDays), `cancelled ${cancelledOn}, notice ${sentOn} + ${c.noticeDays}`).toBe(true);
      expect(cancelledOn >= clock.cancelOn, `cancelled ${cancelledOn}, clock ${clock.cancelOn}`).toBe(true);
      expect(fees.every((f) => f < cancelledOn), 'no fee for the cancellation day or after').toBe(true);
    }
    expect(new Set(fees).size, 'each fee-day once').toBe(fees.length);
    expect(fees.every((f) => f > addDays(maxDate(c.order.pickup_date, c.order.ready_on!), c.order.grace_days)), 'no fee inside the grace days').toBe(true);
  });

  it('an owner who sweeps and reminds every night cancels within notice_days of the deadline once the customer is silent', () => {
    for (const seed of seeds) {
      const c = calendar(seed);
      for (let d = c.from; d <= c.to; d = addDays(d, 1)) {
        c.sweeps.add(d);
        c.reminds.add(d);
      }
      const { cancelledOn, clock } = play(c);
      expect(cancelledOn, `calendar ${seed}`).not.toBeNull();
      expect(cancelledOn! <= addDays(clock.cancelOn, c.noticeDays + 1), `calendar ${seed}: ${cancelledOn} vs ${clock.cancelOn}`).toBe(true);
    }
  });
});
