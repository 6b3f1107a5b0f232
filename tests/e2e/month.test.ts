import { afterAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/dates.ts';
import { Shop } from './harness.ts';

/**
 * A month of a real shop, day by day with --now, following the owner's routine: the nightly
 * sweep, `orders remind` in the morning, then the day's work. At the end the report's money,
 * each order's balance and the ledger must agree to the rupiah, and verify must pass.
 */
const shop = new Shop();
afterAll(() => shop.cleanup());

const add = (name: string, phone: string, item: string, pickup: string, extra: string[] = []) =>
  ['add', '--customer', name, '--phone', phone, '--item', item, '--pickup', pickup, ...extra];

const DAYS: Record<string, string[][]> = {
  '2026-11-02': [
    add('Budi Santoso', '0812-3456-7890', 'Kaos sablon:24:85.000', '2026-11-16'), // 1: edited, picked up
    ['pay', '1', '1.020.000', '--method', 'transfer'], ['confirm', '1', '--via', 'whatsapp'],
  ],
  '2026-11-03': [
    add('Sari Dewi', '0813-1111-2222', 'Kaos sablon:24:85.000', '2026-11-16'), // 2: entered twice by mistake
    ['void', '2', '--reason', 'dobel: sama dengan pesanan 1', '--yes'],
  ],
  '2026-11-04': [
    add('Dewi Lestari', '0813-3333-4444', 'Tumpeng:1:750.000', '2026-11-14'), // 3: cancelled by the customer, overpaid
    ['pay', '3', '750.000'],
  ],
  '2026-11-05': [
    add('Eka Putra', '0813-5555-6666', 'Nasi box:50:25.000', '2026-11-12'), // 4: the shop was late; delivered
    ['pay', '4', '625.000'], ['confirm', '4', '--via', 'whatsapp', '--note', 'Ya, 50 box ayam bakar'],
    add('Fajar Nugroho', '0813-7777-8888', 'Spanduk:1:300.000', '2026-11-20'), // 5: a no-show
    ['pay', '5', '150.000'], ['confirm', '5', '--via', 'visit'],
  ],
  '2026-11-06': [
    ['edit', '1', '--item', 'Kaos sablon:30:85.000', '--pickup', '2026-11-18'], // a new quote: back to pending
    ['pay', '1', '255.000'], ['confirm', '1', '--via', 'whatsapp', '--note', 'Oke 30 kaos, setuju'],
  ],
  '2026-11-10': [['cancel', '3', '--by', 'customer', '--reason', 'acara dibatalkan', '--yes']],
  '2026-11-12': [['refund', '3', 'all', '--method', 'transfer', '--reason', 'kelebihan di atas DP']],
  '2026-11-13': [
    ['ready', '4'], ['deliver', '4', '--accept'], ['pay', '4', '645.000'],
    ['compensate', '4', '--kind', 'late', '--reason', 'terlambat 1 hari', '--waive-delivery', '--refund', '25.000'],
  ],
  '2026-11-14': [['deliver', '4', '--done']],
  '2026-11-17': [['ready', '1']],
  '2026-11-18': [['pickup', '1', '--pay', '--method', 'transfer']],
  '2026-11-19': [['ready', '5']],
};

describe('a month of orders', () => {
  it('adds up to the rupiah at the end', { timeout: 240_000 }, () => {
    shop.now = '2026-11-01';
    shop.init();
    shop.ok(['config', 'set', 'delivery.base_fee', '20.000']);
    shop.ok(['config', 'set', 'storage.fee_per_day', '5.000']);
    const printed: Record<string, string[]> = {};
    for (let d = '2026-11-02'; d <= '2026-11-30'; d = addDays(d, 1)) {
      shop.ok(['sweep'], { now: d });
      printed[d] = shop.run(['remind', '--json'], { now: d }).json().map((m: any) => `${m.order_id}:${m.template}`);
      for (const args of DAYS[d] ?? []) shop.ok(args, { now: d });
    }
    // The no-show got its notice on the 21st and was cancelled on the 27th, with four storage fees.
    expect(printed['2026-11-21']).toContain('5:pickup-overdue');
    expect(printed['2026-11-27']).toContain('5:auto-cancel-notice');

    const show = (id: number) => shop.okJson(['show', String(id)], { now: '2026-11-30' });
    const orders = [1, 2, 3, 4, 5].map(show);
    expect(orders.map((o) => [o.id, o.status, o.cancelled_by, o.total, o.paid, o.balance])).toEqual([
      [1, 'completed', null, 2550000, 2550000, 0],
      [2, 'void', null, 2040000, 0, 2040000],
      [3, 'cancelled', 'customer', 750000, 375000, 0],
      [4, 'completed', null, 1250000, 1225000, 0],
      [5, 'cancelled', 'policy', 300000, 150000, 0],
    ]);
    expect(orders[4]).toMatchObject({ storage_fees: 20000, forfeited: 150000 });
    expect(orders[3]).toMatchObject({ delivery_fees: 20000, refunded: 45000 });

    const sum = (kind: string) => shop.query('SELECT COALESCE(SUM(amount), 0) AS s FROM ledger WHERE kind = ?', kind)[0].s as number;
    const report = shop.okJson(['report', '--from', '2026-11-01', '--to', '2026-11-30'], { now: '2026-11-30' });
    expect(report).toMatchObject({
      orders: 4, completed: 2, cancelled: { customer: 1, shop: 0, policy: 1 }, no_show_rate: 0.3333,
      deposits_collected: 1275000 + 375000 + 625000 + 150000, deposits_forfeited: 375000 + 150000,
      refunds: 375000 + 25000 + 20000, compensation: 25000 + 20000, storage_fees: 20000, delivery_fees: 0,
    });
    // The ledger, the orders and the report tell the same story.
    expect(sum('refund')).toBe(report.refunds);
    expect(sum('forfeit')).toBe(report.deposits_forfeited);
    expect(sum('compensation') + sum('waiver')).toBe(report.compensation);
    expect(sum('payment') - sum('refund')).toBe(orders.reduce((a, o) => a + o.paid, 0));
    expect(orders.reduce((a, o) => a + o.refunded, 0)).toBe(report.refunds);
    // Money the shop holds: the goods it delivered and what it kept.
    expect(sum('payment') - sum('refund')).toBe(2550000 + (1250000 - 25000) + 375000 + 150000);
    expect(orders.filter((o) => o.status !== 'void').every((o) => o.balance === 0)).toBe(true);
    const customers = shop.okJson(['customers'], { now: '2026-11-30' });
    expect(customers.find((c: any) => c.name === 'Sari Dewi')).toMatchObject({ orders: 0 });
    expect(customers.find((c: any) => c.name === 'Eka Putra')).toMatchObject({ shop_failures: 1, completed: 1 });
    expect(shop.run(['verify'], { now: '2026-11-30' }).code).toBe(0);
  });
});
