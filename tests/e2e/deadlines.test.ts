import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/dates.ts';
import { Shop } from './harness.ts';

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
  shop.ok(['config', 'set', 'storage.fee_per_day', '10.000']);
  shop.ok(['add', '--customer', 'Budi Santoso', '--phone', '0812-3456-7890', '--item', 'Kaos sablon:2:85.000', '--pickup', '2026-12-01'], { now: '2026-11-20' });
  shop.ok(['pay', '1', '85000'], { now: '2026-11-20' });
  shop.ok(['confirm', '1', '--via', 'whatsapp'], { now: '2026-11-20' });
  shop.ok(['ready', '1'], { now: '2026-11-27' });
});
afterEach(() => shop.cleanup());

/**
 * The owner's night and morning: a dry run first (its summary must be the real one), the
 * sweep, then `orders remind` prints what is due. Returns the sweep's summary and the messages.
 */
function day(d: string): { sweep: any; messages: any[] } {
  const before = shop.dump();
  const dry = shop.run(['sweep', '--dry-run', '--json'], { now: d }).json();
  expect(shop.dump()).toBe(before);
  const sweep = shop.run(['sweep', '--json'], { now: d }).json();
  expect({ ...dry, dry_run: false }).toEqual(sweep);
  const messages = shop.run(['remind', '--json'], { now: `${d}T08:00:00+07:00` }).json();
  return { sweep, messages };
}

describe('the worked calendar of SPEC: notice on 2 December, cancellation on 8 December', () => {
  it('sends the notice naming the 8th, charges 4-7 Dec, cancels on the 8th, predicted by every dry run', () => {
    const seen: Record<string, { sweep: any; messages: any[] }> = {};
    for (let d = '2026-11-28'; d <= '2026-12-09'; d = addDays(d, 1)) seen[d] = day(d);
    expect(seen['2026-11-29']!.messages.map((m) => m.template)).toEqual(['pickup-reminder']);
    expect(seen['2026-12-02']!.sweep.overdue_notices_queued).toBe(1);
    const [notice] = seen['2026-12-02']!.messages;
    expect(notice.template).toBe('pickup-overdue');
    expect(notice.text).toContain('Selasa, 8 Desember 2026');
    for (const d of ['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07']) expect(seen[d]!.sweep.storage_fees_charged).toBe(1);
    for (let d = '2026-11-28'; d < '2026-12-08'; d = addDays(d, 1)) expect(seen[d]!.sweep).toMatchObject({ cancelled: [], held: [] });
    expect(seen['2026-12-08']!.sweep).toMatchObject({ cancelled: [1], held: [], storage_fees_charged: 0 });
    expect(seen['2026-12-08']!.messages.map((m) => m.template)).toEqual(['auto-cancel-notice']);
    expect(shop.okJson(['show', '1'])).toMatchObject({ status: 'cancelled', cancelled_by: 'policy', storage_fees: 40000, forfeited: 85000 });
  });

  it('a notice that went out on the 6th still cancels on the 8th; one on the 7th holds until the 9th', () => {
    shop.ok(['sweep'], { now: '2026-12-02' });
    const late = new Shop().init();
    try {
      shop.ok(['remind'], { now: '2026-12-06' });
      expect(shop.run(['sweep', '--json'], { now: '2026-12-08' }).json().cancelled).toEqual([1]);
      late.ok(['add', '--customer', 'Ani', '--phone', '0812-1111-2222', '--item', 'Kaos:1:50.000', '--pickup', '2026-12-01', '--deposit', '100%'], { now: '2026-11-20' });
      late.ok(['pay', '1', '50000'], { now: '2026-11-20' });
      late.ok(['confirm', '1', '--via', 'whatsapp'], { now: '2026-11-20' });
      late.ok(['ready', '1'], { now: '2026-11-30' });
      late.ok(['sweep'], { now: '2026-12-02' });
      const [m] = late.run(['remind', '--json'], { now: '2026-12-07' }).json();
      expect(m.text).toContain('Rabu, 9 Desember 2026');
      expect(late.run(['sweep', '--json'], { now: '2026-12-08' }).json()).toMatchObject({ cancelled: [], held: [{ order_id: 1, why: 'overdue notice sent on 2026-12-07: the customer has until 2026-12-09' }] });
      expect(late.run(['sweep', '--json'], { now: '2026-12-09' }).json().cancelled).toEqual([1]);
    } finally {
      late.cleanup();
    }
  });
});

describe('the catch-up calendar: the first sweep and remind on 10 December', () => {
  it('holds on the 10th, the notice names the 12th, nothing is cancelled before the 12th', () => {
    const first = day('2026-12-10');
    expect(first.sweep).toMatchObject({
      cancelled: [], overdue_notices_queued: 1, storage_fees_charged: 7,
      held: [{ order_id: 1, why: expect.stringContaining('cancellation on 2026-12-12') }],
    });
    expect(first.messages.map((m) => m.template)).toEqual(['pickup-overdue']);
    expect(first.messages[0].text).toContain('Sabtu, 12 Desember 2026');
    expect(first.messages[0].text).not.toContain('8 Desember');
    // The free hold is long over: the notice says so, with the fees so far, instead of asking for a past date.
    expect(first.messages[0].text).toContain('Masa simpan tanpa biaya sudah berakhir pada Kamis, 3 Desember 2026. Sejak itu dikenakan biaya penyimpanan Rp 10.000 per hari (sejauh ini Rp 70.000).');
    const eleventh = day('2026-12-11');
    expect(eleventh.sweep).toMatchObject({ cancelled: [], held: [{ order_id: 1, why: 'overdue notice sent on 2026-12-10: the customer has until 2026-12-12' }], storage_fees_charged: 1 });
    expect(eleventh.messages).toEqual([]);
    const twelfth = day('2026-12-12');
    expect(twelfth.sweep).toMatchObject({ cancelled: [1], held: [], storage_fees_charged: 0 });
    expect(shop.okJson(['show', '1'])).toMatchObject({ status: 'cancelled', storage_fees: 80000, forfeited: 85000 });
  });

  it('a sweep alone, with nobody printing the notice, never cancels', () => {
    for (let d = '2026-12-02'; d <= '2026-12-30'; d = addDays(d, 4)) {
      expect(shop.run(['sweep', '--json'], { now: d }).json().cancelled).toEqual([]);
    }
    expect(shop.okJson(['show', '1']).status).toBe('ready');
    expect(shop.query("SELECT count(*) AS n FROM outbox WHERE template = 'pickup-overdue'")[0].n).toBe(1);
  });
});

describe('a queued overdue notice is withdrawn when the deadline moves', () => {
  const waiting = () => shop.query("SELECT status FROM outbox WHERE template = 'pickup-overdue' ORDER BY id").map((r) => r.status);

  it('on an inbound contact; a new one is queued when the new deadline passes', () => {
    shop.ok(['sweep'], { now: '2026-12-02' });
    shop.ok(['contact', '1', '--in', '--via', 'whatsapp', 'Saya ambil hari Kamis'], { now: '2026-12-03T09:00:00+07:00' });
    expect(waiting()).toEqual(['expired']);
    expect(shop.run(['remind', '--json'], { now: '2026-12-03' }).json()).toEqual([]);
    for (let d = '2026-12-04'; d < '2026-12-10'; d = addDays(d, 1)) expect(day(d).sweep.overdue_notices_queued).toBe(0);
    const tenth = day('2026-12-10');
    expect(tenth.sweep).toMatchObject({ overdue_notices_queued: 1, cancelled: [], held: [{ order_id: 1 }] });
    expect(tenth.messages[0].text).toContain('Sabtu, 12 Desember 2026');
    expect(day('2026-12-12').sweep.cancelled).toEqual([1]);
  });

  it('on an extension, whose --until names the day the customer gave', () => {
    shop.ok(['sweep'], { now: '2026-12-02' });
    const r = shop.okJson(['extend', '1', '--until', '2026-12-10'], { now: '2026-12-03' });
    expect(r.hold_until).toBe('2026-12-10');
    expect(r.messages[0].text).toContain('sampai Kamis, 10 Desember 2026');
    expect(waiting()).toEqual(['expired']);
    expect(shop.run(['sweep', '--json'], { now: '2026-12-10' }).json().storage_fees_charged).toBe(0);
    expect(shop.run(['sweep', '--json'], { now: '2026-12-11' }).json().storage_fees_charged).toBe(1);
    expect(shop.run(['extend', '1', '--until', '2026-12-11'], { now: '2026-12-11' }).stderr).toBe('orders: Invalid --until 2026-12-11: the hold must last past today (2026-12-11).\n');
    expect(shop.run(['extend', '1', '--until', '2026-12-20', '--days', '2']).code).toBe(2);
    expect(shop.run(['extend', '1', '--until', 'someday']).code).toBe(2);
  });

  it('on a pickup, an accepted delivery or a cancellation, with nothing left to print', () => {
    for (const [i, step] of [['pickup', '1', '--pay'], ['deliver', '2', '--accept'], ['cancel', '3', '--by', 'customer', '--reason', 'tidak jadi', '--yes']].entries()) {
      if (i > 0) {
        shop.ok(['add', '--customer', 'Ani', '--phone', '0812-1111-2222', '--item', 'Kaos:1:50.000', '--pickup', '2026-12-01'], { now: '2026-11-20' });
        shop.ok(['pay', String(i + 1), '25000'], { now: '2026-11-20' });
        shop.ok(['confirm', String(i + 1), '--via', 'whatsapp'], { now: '2026-11-20' });
        shop.ok(['ready', String(i + 1)], { now: '2026-11-27' });
      }
      shop.ok(['sweep'], { now: '2026-12-02' });
      shop.ok(step, { now: '2026-12-02T09:00:00+07:00' });
    }
    expect(waiting()).toEqual(['expired', 'expired', 'expired']);
    expect(shop.run(['remind', '--json'], { now: '2026-12-02T10:00:00+07:00' }).json().map((m: any) => m.template)).toEqual([]);
  });
});

describe('one message a day per order', () => {
  it('the ready notice printed today replaces the reminder due today', () => {
    shop.ok(['add', '--customer', 'Ani', '--phone', '0812-1111-2222', '--item', 'Kaos:1:50.000', '--pickup', '2026-12-05'], { now: '2026-11-20' });
    shop.ok(['pay', '2', '25000'], { now: '2026-11-20' });
    shop.ok(['confirm', '2', '--via', 'whatsapp'], { now: '2026-11-20' });
    shop.ok(['sweep'], { now: '2026-12-03' });
    shop.ok(['ready', '2'], { now: '2026-12-03T10:00:00+07:00' });
    expect(shop.run(['remind', '--json'], { now: '2026-12-03T11:00:00+07:00' }).json().map((m: any) => m.order_id)).toEqual([1]);
    expect(shop.query("SELECT status FROM outbox WHERE order_id = 2")).toEqual([{ status: 'expired' }]);
    shop.ok(['sweep'], { now: '2026-12-04' });
    expect(shop.run(['remind', '--json'], { now: '2026-12-04' }).json().map((m: any) => [m.order_id, m.template])).toEqual([[2, 'pickup-reminder']]);
  });
});
