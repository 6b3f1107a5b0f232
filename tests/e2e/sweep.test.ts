import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/dates.ts';
import { Shop } from './harness.ts';

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
  shop.ok(['config', 'set', 'storage.fee_per_day', '10.000']);
});
afterEach(() => shop.cleanup());

/** The SPEC's worked example: pickup 1 December, ready by then, DP paid. */
function readyOrder(s: Shop = shop, extra: { paid?: string } = {}): void {
  s.ok(['add', '--customer', 'Budi Santoso', '--phone', '0812-3456-7890', '--item', 'Kaos sablon:2:85.000', '--pickup', '2026-12-01'], { now: '2026-11-20' });
  s.ok(['pay', '1', extra.paid ?? '85000'], { now: '2026-11-20' });
  s.ok(['confirm', '1', '--via', 'whatsapp'], { now: '2026-11-20' });
  s.ok(['ready', '1'], { now: '2026-11-30' });
}

/** The owner's routine (ENGINEERING "Testing"): the nightly sweep, then `orders remind` prints what is due. */
function night(d: string, s: Shop = shop): any {
  const summary = s.run(['sweep', '--json'], { now: d }).json();
  s.ok(['remind'], { now: `${d}T08:00:00+07:00` });
  return summary;
}

const ledger = (s: Shop) => s.query("SELECT kind, amount, fee_date FROM ledger WHERE kind != 'payment' ORDER BY id");

describe('orders sweep over the worked example', () => {
  it('runs night by night: reminders 29-30 Nov, overdue 2 Dec, fees 4-7 Dec, cancel 8 Dec; every sweep twice', () => {
    readyOrder();
    const seen: Record<string, any> = {};
    for (let d = '2026-11-28'; d <= '2026-12-10'; d = addDays(d, 1)) {
      const first = shop.run(['sweep', '--json'], { now: d }).json();
      const again = shop.run(['sweep', '--json'], { now: d });
      expect(again.code).toBe(0);
      expect(again.json()).toMatchObject({ reminders_queued: 0, overdue_notices_queued: 0, storage_fees_charged: 0, cancelled: [] });
      if (d < '2026-12-08') seen[`${d} remind`] = shop.run(['remind', '--json'], { now: `${d}T08:00:00+07:00` }).json();
      seen[d] = first;
      const o = shop.okJson(['show', '1'], { now: d });
      if (d < '2026-12-08') expect(o.status).toBe('ready');
    }
    expect(seen['2026-11-29'].reminders_queued).toBe(1);
    expect(seen['2026-11-30'].reminders_queued).toBe(1);
    expect(seen['2026-12-02'].overdue_notices_queued).toBe(1);
    expect(seen['2026-12-03'].storage_fees_charged).toBe(0);
    for (const d of ['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07']) expect(seen[d].storage_fees_charged).toBe(1);
    expect(seen['2026-12-08']).toMatchObject({ date: '2026-12-08', storage_fees_charged: 0, cancelled: [1], dry_run: false });
    const o = shop.okJson(['show', '1']);
    expect(o).toMatchObject({ status: 'cancelled', cancelled_by: 'policy', cancel_reason: 'no-show', storage_fees: 40000, forfeited: 85000, balance: 0 });
    expect(ledger(shop)).toEqual([
      { kind: 'storage_fee', amount: 10000, fee_date: '2026-12-04' },
      { kind: 'storage_fee', amount: 10000, fee_date: '2026-12-05' },
      { kind: 'storage_fee', amount: 10000, fee_date: '2026-12-06' },
      { kind: 'storage_fee', amount: 10000, fee_date: '2026-12-07' },
      { kind: 'forfeit', amount: 85000, fee_date: null },
    ]);
    const notices = shop.query('SELECT template, due_on, status FROM outbox ORDER BY id');
    expect(notices).toEqual([
      { template: 'pickup-reminder', due_on: '2026-11-29', status: 'sent' },
      { template: 'pickup-reminder', due_on: '2026-11-30', status: 'expired' },
      { template: 'pickup-overdue', due_on: '2026-12-02', status: 'sent' },
      { template: 'auto-cancel-notice', due_on: '2026-12-08', status: 'queued' },
    ]);
    // The ready notice went out on 30 November: that day's reminder was not sent as well.
    expect(seen['2026-11-30 remind']).toEqual([]);
    expect(seen['2026-12-02 remind'][0].text).toContain('dibatalkan otomatis pada Selasa, 8 Desember 2026');
    const [notice] = shop.run(['remind', '--json'], { now: '2026-12-08' }).json();
    expect(notice.template).toBe('auto-cancel-notice');
    expect(notice.text).toContain('pesanan kini dibatalkan otomatis dan DP sebesar Rp 85.000 hangus');
  });

  it('catch-up after three missed nights gives the same final ledger', () => {
    readyOrder();
    for (const d of ['2026-12-02', '2026-12-03', '2026-12-07', '2026-12-08']) night(d);
    const nightly = new Shop().init();
    nightly.ok(['config', 'set', 'storage.fee_per_day', '10.000']);
    readyOrder(nightly);
    for (let d = '2026-12-02'; d <= '2026-12-08'; d = addDays(d, 1)) night(d, nightly);
    expect(shop.okJson(['show', '1']).status).toBe('cancelled');
    expect(ledger(shop)).toEqual(ledger(nightly));
    nightly.cleanup();
  });

  it('a very late catch-up holds the order for its notice, sends no past reminder, and charges no fee on or after the cancel day', () => {
    readyOrder();
    expect(night('2026-12-20')).toMatchObject({ reminders_queued: 0, overdue_notices_queued: 1, storage_fees_charged: 17, cancelled: [], held: [{ order_id: 1 }] });
    expect(night('2026-12-25')).toMatchObject({ storage_fees_charged: 1, cancelled: [1], held: [] });
    expect(shop.okJson(['show', '1']).storage_fees).toBe(180000);
  });

  it('a sweep with --now in the past undoes nothing', () => {
    readyOrder();
    shop.ok(['sweep'], { now: '2026-12-06' });
    const before = ledger(shop);
    expect(shop.run(['sweep', '--json'], { now: '2026-12-04' }).json()).toMatchObject({ storage_fees_charged: 0, cancelled: [] });
    expect(ledger(shop)).toEqual(before);
  });

  it('the dry run predicts exactly what the real run does, and changes nothing', () => {
    readyOrder();
    night('2026-12-02');
    const before = shop.dump();
    const dry = shop.run(['sweep', '--dry-run', '--json'], { now: '2026-12-08' }).json();
    expect(shop.dump()).toBe(before);
    const real = shop.run(['sweep', '--json'], { now: '2026-12-08' }).json();
    expect({ ...dry, dry_run: false }).toEqual(real);
    expect(real.storage_fees_charged).toBe(4);
  });

  it('an overpaid no-show forfeits the DP and shows the rest as owed back', () => {
    readyOrder(shop, { paid: '170000' });
    night('2026-12-02');
    const s = shop.run(['sweep', '--json'], { now: '2026-12-08' }).json();
    expect(s.details.at(-1).why).toContain('DP Rp 85.000 forfeited, Rp 85.000 owed back');
    expect(shop.okJson(['show', '1'])).toMatchObject({ paid: 170000, forfeited: 85000, balance: -85000 });
  });

  it('prints plain lines when piped, and says when there is nothing to do', () => {
    const out = shop.ok(['sweep'], { now: '2026-12-01' });
    expect(out).toBe(`Sweep for 2026-12-01\nreminders queued: 0\noverdue notices queued: 0\nstorage fee-days charged: 0\ncancelled as no-show (orders): none\nheld for want of a warning (orders): none\nblacklist proposed (customers): none\nblacklisted (customers): none\nNothing to do today.\nEvidence head: 0:${'0'.repeat(64)}\n`);
  });
});

describe('what moves the clock', () => {
  it('an inbound contact on 5 Dec moves the deadline to 12 Dec; the new notice goes out then, cancellation on 14 Dec', () => {
    readyOrder();
    for (let d = '2026-12-02'; d <= '2026-12-13'; d = addDays(d, 1)) {
      if (d === '2026-12-05') shop.ok(['contact', '1', '--in', '--via', 'whatsapp', 'Maaf, saya ambil minggu depan'], { now: '2026-12-05T10:00:00+07:00' });
      expect(night(d)).toMatchObject({ cancelled: [], overdue_notices_queued: d === '2026-12-02' || d === '2026-12-12' ? 1 : 0 });
    }
    expect(night('2026-12-14').cancelled).toEqual([1]);
    expect(shop.okJson(['show', '1']).storage_fees).toBe(100000);
  });

  it('a payment is word from the customer: paid on 5 Dec, nothing is cancelled on the 8th; the new notice names the 14th', () => {
    readyOrder();
    for (let d = '2026-12-02'; d <= '2026-12-13'; d = addDays(d, 1)) {
      if (d === '2026-12-05') shop.ok(['pay', '1', '85.000', '--method', 'transfer'], { now: '2026-12-05T10:00:00+07:00' });
      // From the 12th the moved deadline has come: held until the new notice has had its two days.
      const held = d >= '2026-12-12' ? [{ order_id: 1, why: expect.stringMatching(/(cancellation on|has until) 2026-12-14/) }] : [];
      expect([d, night(d)]).toMatchObject([d, { cancelled: [], held, overdue_notices_queued: d === '2026-12-02' || d === '2026-12-12' ? 1 : 0 }]);
    }
    const notices = shop.query("SELECT substr(created_at, 1, 10) AS day, text FROM communications WHERE template = 'pickup-overdue' ORDER BY id");
    expect(notices.map((n: any) => n.day)).toEqual(['2026-12-02', '2026-12-12']);
    expect(notices[1].text).toContain('Senin, 14 Desember 2026');
    expect(night('2026-12-14').cancelled).toEqual([1]);
  });

  it('a payment withdraws an overdue notice still waiting to be printed, as a contact does', () => {
    readyOrder();
    expect(shop.run(['sweep', '--json'], { now: '2026-12-02' }).json().overdue_notices_queued).toBe(1);
    shop.ok(['pay', '1', '85.000'], { now: '2026-12-02T09:00:00+07:00' });
    expect(shop.query("SELECT status, last_error FROM outbox WHERE template = 'pickup-overdue'")).toEqual([{ status: 'expired', last_error: 'withdrawn: the deadline moved' }]);
    expect(shop.run(['remind', '--json'], { now: '2026-12-02T10:00:00+07:00' }).json()).toEqual([]);
  });

  it('extend holds the order free and prints the grace notice with the fee that follows', () => {
    readyOrder();
    const r = shop.run(['extend', '1', '--days', '4', '--json'], { now: '2026-12-03' }).json();
    expect(r.hold_until).toBe('2026-12-07');
    expect(r.messages[0].text).toContain('kami simpan tanpa biaya sampai Senin, 7 Desember 2026');
    expect(r.messages[0].text).toContain('biaya penyimpanan Rp 10.000 per hari mulai Selasa, 8 Desember 2026');
    for (let d = '2026-12-04'; d <= '2026-12-07'; d = addDays(d, 1)) expect(night(d).storage_fees_charged).toBe(0);
    expect(night('2026-12-08').storage_fees_charged).toBe(1);
    // The first overdue notice went out on the 4th, after the extension: it names the 14th.
    expect(shop.query("SELECT substr(created_at, 1, 10) AS day FROM communications WHERE template = 'pickup-overdue'")).toEqual([{ day: '2026-12-04' }]);
    expect(night('2026-12-14').cancelled).toEqual([1]);
    expect(shop.run(['extend', '1', '--days', '0']).code).toBe(2);
    expect(shop.run(['extend', '1', '--days', '2']).code).toBe(1);
  });
});

describe('delivery and compensation', () => {
  beforeEach(() => {
    shop.ok(['config', 'set', 'delivery.base_fee', '20.000']);
    shop.ok(['config', 'set', 'delivery.packaging_fee', '5.000']);
    shop.ok(['config', 'set', 'delivery.after_hours_fee', '15.000']);
  });

  it('offers with every part of the fee, accepts (the clock stops), and completes once paid', () => {
    readyOrder();
    const offer = shop.ok(['deliver', '1', '--offer', '--after-hours', '--eta', '2026-12-04', '--lang', 'en'], { now: '2026-12-02' });
    expect(offer).toContain('- Base fee: Rp 20.000\n- Packaging: Rp 5.000\n- Outside working hours: Rp 15.000\nDelivery total: Rp 40.000\nEstimated arrival: Friday, 4 December 2026');
    const accepted = shop.okJson(['deliver', '1', '--accept'], { now: '2026-12-02' });
    expect(accepted).toMatchObject({ fulfilment: 'delivery', delivery_fees: 40000, balance: 125000, delivery_eta: '2026-12-04' });
    expect(shop.query("SELECT amount, note FROM ledger WHERE kind = 'delivery_fee' ORDER BY id")).toEqual([
      { amount: 20000, note: 'delivery: base fee' }, { amount: 5000, note: 'delivery: packaging' }, { amount: 15000, note: 'delivery: outside working hours' },
    ]);
    expect(shop.run(['sweep', '--json'], { now: '2026-12-20' }).json()).toMatchObject({ storage_fees_charged: 0, cancelled: [] });
    const refused = shop.run(['deliver', '1', '--done'], { now: '2026-12-04' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/still has Rp 125\.000 to pay/);
    expect(shop.okJson(['deliver', '1', '--done', '--pay'], { now: '2026-12-04' })).toMatchObject({ status: 'completed', balance: 0, paid: 210000 });
  });

  it('compensate records the refund and the waived fee and prints the apology', () => {
    readyOrder();
    shop.ok(['deliver', '1', '--accept'], { now: '2026-12-02' });
    const r = shop.okJson(['compensate', '1', '--reason', 'dikirim terlambat 2 hari', '--refund', '20.000', '--waive-delivery'], { now: '2026-12-05' });
    expect(r).toMatchObject({ paid: 65000, refunded: 20000, balance: 85000 });
    expect(r.messages[0].template).toBe('delay-apology');
    expect(r.messages[0].text).toContain('- pengembalian dana sebesar Rp 20.000\n- gratis ongkos kirim: ongkir Rp 25.000 tidak kami tagihkan');
    expect(shop.query("SELECT kind, amount FROM ledger WHERE kind IN ('refund', 'compensation', 'waiver') ORDER BY id")).toEqual([
      { kind: 'refund', amount: 20000 }, { kind: 'compensation', amount: 20000 }, { kind: 'waiver', amount: 25000 },
    ]);
    expect(shop.run(['compensate', '1', '--reason', 'x'], { now: '2026-12-05' }).code).toBe(2);
    expect(shop.run(['compensate', '1', '--reason', 'x', '--waive-delivery'], { now: '2026-12-05' }).stderr).toMatch(/no delivery fee to waive/);
  });
});

describe('orders today', () => {
  it('lists pickups, messages due, overdue orders and what tonight will do', () => {
    readyOrder();
    const text = shop.ok(['today'], { now: '2026-12-01' });
    expect(text).toContain('Pickups due today (1)\n  #1 Budi Santoso +6281234567890 [ready] to collect Rp 85.000');
    shop.ok(['sweep'], { now: '2026-12-06' });
    const a = shop.run(['today', '--json'], { now: '2026-12-07' }).json();
    // No notice has reached the customer yet: printed today, it gives them until the 9th.
    expect(a.overdue).toEqual([{ id: 1, customer: 'Budi Santoso', phone: '+6281234567890', ready_since: '2026-12-01', free_until: '2026-12-03', cancel_on: '2026-12-09', storage_fees: 30000, balance: 115000 }]);
    expect(a.tonight.map((t: any) => t.action)).toEqual(['storage-fees']);
    expect(a.messages_due).toEqual([{ order_id: 1, template: 'pickup-overdue' }]);
  });
});

describe('two sweeps at once', () => {
  it('apply fees and cancellations exactly once', async () => {
    readyOrder();
    shop.ok(['sweep'], { now: '2026-12-02' });
    shop.ok(['remind'], { now: '2026-12-02' });
    const bin = resolve(import.meta.dirname, '../../bin/orders');
    const runOne = () => new Promise<{ code: number; out: string }>((done) => {
      const p = spawn(process.execPath, [bin, '--db', shop.db, '--now', '2026-12-09', 'sweep', '--json'], { env: { PATH: process.env.PATH, TZ: 'UTC' } });
      let out = '';
      p.stdout.on('data', (d) => { out += d; });
      p.on('close', (code) => done({ code: code ?? -1, out }));
    });
    const [a, b] = await Promise.all([runOne(), runOne()]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const cancelled = [JSON.parse(a.out).cancelled, JSON.parse(b.out).cancelled].flat();
    expect(cancelled).toEqual([1]);
    expect(shop.query("SELECT count(*) AS n FROM ledger WHERE kind = 'storage_fee'")[0].n).toBe(4);
    expect(shop.query("SELECT count(*) AS n FROM ledger WHERE kind = 'forfeit'")[0].n).toBe(1);
    expect(shop.run(['verify']).code).toBe(0);
  });
});
