import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/dates.ts';
import { blacklistDecision, clockOf, decide, type PolicyAction, type PolicyOrder } from '../../src/core/policy.ts';

const base: PolicyOrder = {
  id: 1, status: 'ready', fulfilment: 'pickup', pickup_date: '2026-12-01', ready_on: '2026-11-28', hold_until: null, hold_set_on: null,
  last_inbound_on: null, grace_days: 2, cancel_after_days: 7, storage_fee_per_day: 10000, deposit_required: 500000,
  paid: 500000, last_fee_date: null, overdue_notice_queued: false, overdue_notice_issued: false, overdue_sent_on: null,
};
/** The notice of 2 December was printed that morning. */
const warned: PolicyOrder = { ...base, overdue_notice_issued: true, overdue_sent_on: '2026-12-02' };

/**
 * Runs the policy every night from..to, feeding back what a sweep records and what the next
 * morning's `orders remind` sends (the owner's routine); returns actions by day.
 */
function nightly(o: PolicyOrder, from: string, to: string, events: Record<string, Partial<PolicyOrder>> = {}) {
  let order = { ...o };
  const byDay: Record<string, PolicyAction[]> = {};
  for (let d = from; d <= to; d = addDays(d, 1)) {
    order = { ...order, ...events[d] };
    const acts = decide(order, d, [2, 1], 2);
    if (acts.length) byDay[d] = acts;
    for (const a of acts) {
      if (a.kind === 'overdue-notice') Object.assign(order, { overdue_notice_issued: true, overdue_sent_on: d });
      if (a.kind === 'storage-fees') order.last_fee_date = a.days.at(-1)!;
      if (a.kind === 'cancel') order.status = 'cancelled';
    }
  }
  return byDay;
}

describe('the worked example of SPEC: pickup 1 December, ready by then', () => {
  it('reminders 29 and 30 Nov, overdue notice 2 Dec, fees 4-7 Dec, cancellation 8 Dec', () => {
    expect(nightly(base, '2026-11-27', '2026-12-12')).toEqual({
      '2026-11-29': [{ kind: 'reminder', daysBefore: 2 }],
      '2026-11-30': [{ kind: 'reminder', daysBefore: 1 }],
      '2026-12-02': [{ kind: 'overdue-notice' }],
      '2026-12-04': [{ kind: 'storage-fees', days: ['2026-12-04'], amount: 10000 }],
      '2026-12-05': [{ kind: 'storage-fees', days: ['2026-12-05'], amount: 10000 }],
      '2026-12-06': [{ kind: 'storage-fees', days: ['2026-12-06'], amount: 10000 }],
      '2026-12-07': [{ kind: 'storage-fees', days: ['2026-12-07'], amount: 10000 }],
      '2026-12-08': [{ kind: 'cancel', forfeit: 500000, owedBack: 0 }],
    });
  });

  it('gives the clock: free through 3 Dec, cancel on 8 Dec', () => {
    expect(clockOf(base)).toEqual({ start: '2026-12-01', freeThrough: '2026-12-03', cancelOn: '2026-12-08' });
  });

  it('an inbound contact on 5 Dec moves the deadline to 12 Dec; a new notice then, cancellation on 14 Dec; fees run on', () => {
    const days = nightly(base, '2026-12-02', '2026-12-16', { '2026-12-05': { last_inbound_on: '2026-12-05' } });
    expect(days['2026-12-08']).toEqual([{ kind: 'storage-fees', days: ['2026-12-08'], amount: 10000 }]);
    expect(days['2026-12-11']).toEqual([{ kind: 'storage-fees', days: ['2026-12-11'], amount: 10000 }]);
    expect(days['2026-12-12']).toEqual([
      { kind: 'overdue-notice' }, { kind: 'storage-fees', days: ['2026-12-12'], amount: 10000 },
      { kind: 'held', noticeSentOn: null, cancelOn: '2026-12-14' },
    ]);
    expect(days['2026-12-13']).toEqual([{ kind: 'storage-fees', days: ['2026-12-13'], amount: 10000 }, { kind: 'held', noticeSentOn: '2026-12-12', cancelOn: '2026-12-14' }]);
    expect(days['2026-12-14']).toEqual([{ kind: 'cancel', forfeit: 500000, owedBack: 0 }]);
  });

  it('an extension granted on 3 Dec for 4 days holds free through 7 Dec and cancels on 14 Dec', () => {
    const o = { ...base, hold_until: '2026-12-07' };
    expect(clockOf(o)).toEqual({ start: '2026-12-01', freeThrough: '2026-12-07', cancelOn: '2026-12-14' });
    const days = nightly({ ...o, hold_set_on: '2026-12-01' }, '2026-12-02', '2026-12-15');
    expect(Object.keys(days)).toEqual(['2026-12-02', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14']);
    expect(days['2026-12-14']).toEqual([{ kind: 'cancel', forfeit: 500000, owedBack: 0 }]);
  });

  it('an order that became ready after its pickup date starts its clock on the ready day', () => {
    const o = { ...base, ready_on: '2026-12-03' };
    expect(clockOf(o)).toEqual({ start: '2026-12-03', freeThrough: '2026-12-05', cancelOn: '2026-12-10' });
    expect(decide(o, '2026-12-03', [2, 1], 2)).toEqual([]);
    expect(decide(o, '2026-12-04', [2, 1], 2)).toEqual([{ kind: 'overdue-notice' }]);
  });

  it('an order still in production past its pickup date has no clock', () => {
    const o = { ...base, status: 'confirmed' as const, ready_on: null };
    expect(clockOf(o)).toBeNull();
    expect(decide(o, '2026-12-20', [2, 1], 2)).toEqual([]);
    expect(decide(o, '2026-11-30', [2, 1], 2)).toEqual([{ kind: 'reminder', daysBefore: 1 }]);
  });

  it('an accepted delivery stops the clock and the reminders', () => {
    const o = { ...base, fulfilment: 'delivery' as const };
    expect(nightly(o, '2026-11-27', '2026-12-20')).toEqual({});
  });

  it('an overpaid order forfeits only the DP and owes the rest back', () => {
    const o = { ...warned, paid: 800000, storage_fee_per_day: 0 };
    expect(decide(o, '2026-12-08', [2, 1], 2)).toEqual([{ kind: 'cancel', forfeit: 500000, owedBack: 300000 }]);
  });

  it('catch-up after missed nights charges each missed day once and no fee on or after the cancel day', () => {
    expect(decide(warned, '2026-12-06', [2, 1], 2)).toEqual([
      { kind: 'storage-fees', days: ['2026-12-04', '2026-12-05', '2026-12-06'], amount: 30000 },
    ]);
    expect(decide(warned, '2026-12-20', [2, 1], 2)).toEqual([
      { kind: 'storage-fees', days: ['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07'], amount: 40000 },
      { kind: 'cancel', forfeit: 500000, owedBack: 0 },
    ]);
    expect(decide({ ...base, last_fee_date: '2026-12-05' }, '2026-12-06', [2, 1], 2).find((a) => a.kind === 'storage-fees'))
      .toEqual({ kind: 'storage-fees', days: ['2026-12-06'], amount: 10000 });
  });

  it('is idempotent once the day is recorded', () => {
    const after = { ...warned, last_fee_date: '2026-12-05' };
    expect(decide(after, '2026-12-05', [2, 1], 2)).toEqual([]);
  });

  it('no storage fee when the terms have none', () => {
    expect(decide({ ...warned, storage_fee_per_day: 0 }, '2026-12-06', [2, 1], 2)).toEqual([]);
  });

  it('a catch-up with no notice ever sent holds the order, queues the notice, and charges fees up to today', () => {
    expect(decide(base, '2026-12-10', [2, 1], 2)).toEqual([
      { kind: 'overdue-notice' },
      { kind: 'storage-fees', days: ['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'], amount: 70000 },
      { kind: 'held', noticeSentOn: null, cancelOn: '2026-12-12' },
    ]);
    const queued = { ...base, overdue_notice_issued: true, overdue_notice_queued: true, last_fee_date: '2026-12-10' };
    expect(decide(queued, '2026-12-11', [2, 1], 2)).toEqual([
      { kind: 'storage-fees', days: ['2026-12-11'], amount: 10000 }, { kind: 'held', noticeSentOn: null, cancelOn: '2026-12-13' },
    ]);
    const sent = { ...base, overdue_notice_issued: true, overdue_sent_on: '2026-12-10', last_fee_date: '2026-12-11' };
    expect(decide(sent, '2026-12-12', [2, 1], 2)).toEqual([{ kind: 'cancel', forfeit: 500000, owedBack: 0 }]);
  });

  it('a notice sent before the customer got in touch, or before an extension, no longer counts', () => {
    const contacted = { ...warned, last_inbound_on: '2026-12-03', last_fee_date: '2026-12-10' };
    expect(decide(contacted, '2026-12-10', [2, 1], 2)).toEqual([{ kind: 'overdue-notice' }, { kind: 'held', noticeSentOn: null, cancelOn: '2026-12-12' }]);
    const extended = { ...warned, hold_until: '2026-12-04', hold_set_on: '2026-12-03', last_fee_date: '2026-12-11' };
    expect(decide(extended, '2026-12-11', [2, 1], 2).at(-1)).toEqual({ kind: 'held', noticeSentOn: null, cancelOn: '2026-12-13' });
    expect(decide({ ...extended, overdue_sent_on: '2026-12-04' }, '2026-12-11', [2, 1], 2)).toEqual([{ kind: 'cancel', forfeit: 500000, owedBack: 0 }]);
  });
});

describe('blacklist proposals', () => {
  it('proposes at the threshold, adds with auto, never twice', () => {
    expect(blacklistDecision(1, 2, false, false)).toBe('none');
    expect(blacklistDecision(2, 2, false, false)).toBe('propose');
    expect(blacklistDecision(3, 2, true, false)).toBe('add');
    expect(blacklistDecision(3, 2, true, true)).toBe('none');
    expect(blacklistDecision(5, 0, true, false)).toBe('none');
  });
});

describe('the rising deposit and the blacklist policy', async () => {
  const { requirementFor } = await import('../../src/core/standing.ts');
  const p = { minPercent: 30, defaultPercent: 50, escalation: [30, 50, 100], blacklistPolicy: 'full-payment' as const };
  it('rises with no-shows before the blacklist is reached', () => {
    expect(requirementFor({ noShows: 0, blacklisted: false }, p)).toEqual({ percent: 50, minimum: 30, because: null, block: false, warn: null });
    expect(requirementFor({ noShows: 1, blacklisted: false }, p)).toMatchObject({ percent: 50, minimum: 50, because: '1 no-show on record (deposit.escalation 30,50,100)' });
    expect(requirementFor({ noShows: 4, blacklisted: false }, p)).toMatchObject({ percent: 100, minimum: 100, because: '4 no-shows on record (deposit.escalation 30,50,100)' });
  });
  it('applies each blacklist policy', () => {
    expect(requirementFor({ noShows: 0, blacklisted: true }, p)).toMatchObject({ percent: 100, minimum: 100, block: false });
    expect(requirementFor({ noShows: 0, blacklisted: true }, { ...p, blacklistPolicy: 'block' })).toMatchObject({ block: true });
    expect(requirementFor({ noShows: 0, blacklisted: true }, { ...p, blacklistPolicy: 'warn' })).toMatchObject({ percent: 50, warn: 'this customer is blacklisted (blacklist.policy warn)' });
  });
});
