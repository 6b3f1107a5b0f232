import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/dates.ts';
import { Shop } from './harness.ts';

/**
 * A fixture month built through the real binary: completions, a customer and a shop
 * cancellation, two no-shows of one customer, a late delivery and a defect compensated, fees. Every
 * figure below is computed by hand from this story.
 */
let shop: Shop;
const add = (name: string, phone: string, item: string, pickup: string) =>
  shop.okJson(['add', '--customer', name, '--phone', phone, '--item', item, '--pickup', pickup], { now: '2026-11-02' }).id as number;

beforeAll(() => {
  shop = new Shop().init();
  for (const [k, v] of [['storage.fee_per_day', '10.000'], ['delivery.base_fee', '20.000'], ['delivery.packaging_fee', '5.000'], ['delivery.after_hours_fee', '15.000']]) shop.ok(['config', 'set', k!, v!]);
  const ani = ['Ani Wijaya', '081211110001'] as const;
  const budi = ['Budi Santoso', '081211110002'] as const;
  const o1 = add(...ani, 'Kaos:2:100.000', '2026-11-05');
  const o2 = add(...ani, 'Mug:1:50.000', '2026-11-10');
  const o3 = add('Citra Lestari', '081211110003', 'Topi:1:60.000', '2026-11-12');
  const o4 = add('Dewi Anggraini', '081211110004', 'Kain batik:1:80.000', '2026-11-15');
  const o5 = add(...budi, 'Spanduk:1:100.000', '2026-11-03');
  const o6 = add(...budi, 'Spanduk:1:100.000', '2026-11-12');
  const o7 = add(...ani, 'Tas:1:150.000', '2026-11-20');
  const at = (now: string, ...args: string[]) => shop.ok(args, { now });
  for (const [id, dp] of [[o1, '100000'], [o2, '25000'], [o3, '30000'], [o4, '40000'], [o5, '50000'], [o6, '50000'], [o7, '75000']] as const) {
    at('2026-11-02', 'pay', String(id), dp);
    if (id !== o3 && id !== o4) at('2026-11-02', 'confirm', String(id), '--via', 'whatsapp');
  }
  const plan: Record<string, string[][]> = {
    '2026-11-03': [['ready', String(o5)]],
    '2026-11-04': [['ready', String(o1)], ['cancel', String(o3), '--by', 'customer', '--reason', 'tidak jadi acara', '--yes']],
    '2026-11-05': [['cancel', String(o4), '--by', 'shop', '--reason', 'stok kain habis nasional', '--yes']],
    '2026-11-06': [['pickup', String(o1), '--pay']],
    '2026-11-09': [['ready', String(o2)]],
    '2026-11-10': [['pickup', String(o2), '--pay']],
    '2026-11-11': [['contact', String(o2), '--in', '--via', 'whatsapp', '--complaint', 'Mug retak di pegangan']],
    '2026-11-12': [['ready', String(o6)], ['compensate', String(o2), '--kind', 'defect', '--reason', 'mug retak', '--refund', '10.000']],
    '2026-11-18': [['ready', String(o7)], ['deliver', String(o7), '--accept', '--after-hours']],
    '2026-11-21': [['compensate', String(o7), '--reason', 'pengiriman terlambat 1 hari', '--refund', '20.000', '--waive-delivery'], ['deliver', String(o7), '--done', '--pay']],
  };
  for (let d = '2026-11-03'; d <= '2026-11-30'; d = addDays(d, 1)) {
    for (const args of plan[d] ?? []) at(d, ...args);
    // The owner's routine: the night's sweep, then the morning's remind.
    at(d, 'sweep');
    at(d, 'remind');
  }
});
afterAll(() => shop.cleanup());

const expected = {
  from: '2026-11-01', to: '2026-11-30',
  orders: 7, completed: 3, cancelled: { customer: 1, shop: 1, policy: 2 }, no_shows: 2, no_show_rate: 0.4,
  average_days_ready_to_pickup: 2,
  deposits_collected: 370000, deposits_forfeited: 130000, refunds: 70000, compensation: 70000,
  storage_fees: 80000, delivery_fees: 0, complaints: 1,
};

describe('orders report over the fixture month', () => {
  it('gives every figure in JSON', () => {
    const r = shop.run(['report', '--from', '2026-11-01', '--to', '2026-11-30', '--json'], { now: '2026-12-01' }).json();
    expect(r).toMatchObject(expected);
    expect(r.customer_caused).toEqual({ cancellations: 1, no_shows: 2 });
    expect(r.shop_caused).toEqual({ cancellations: 1, orders_compensated: 2, late_deliveries_compensated: 1 });
    expect(r.cancellation_reasons).toEqual([
      { cancelled_by: 'policy', reason: 'no-show', count: 2 },
      { cancelled_by: 'customer', reason: 'tidak jadi acara', count: 1 },
      { cancelled_by: 'shop', reason: 'stok kain habis nasional', count: 1 },
    ]);
    expect(r.no_show_ranking).toEqual([{ id: 4, name: 'Budi Santoso', phone: '+6281211110002', no_shows: 2 }]);
    expect(r.insights[0]).toMatch(/^The no-show rate is 40% \(above 10%\): consider raising deposit\.min_percent \(now 30%\)/);
    expect(r.periods).toEqual([]);
  });

  it('breaks down by month, week and customer with the same totals', () => {
    const byMonth = shop.run(['report', '--from', '2026-11-01', '--to', '2026-11-30', '--by', 'month', '--json'], { now: '2026-12-01' }).json();
    const { from: _f, to: _t, ...figures } = expected;
    expect(byMonth.periods).toEqual([expect.objectContaining({ period: '2026-11', ...figures })]);
    const byWeek = shop.run(['report', '--from', '2026-11-01', '--to', '2026-11-30', '--by', 'week', '--json'], { now: '2026-12-01' }).json();
    expect(byWeek.periods.reduce((n: number, p: any) => n + p.storage_fees, 0)).toBe(80000);
    expect(byWeek.periods.reduce((n: number, p: any) => n + p.completed, 0)).toBe(3);
    const byCustomer = shop.run(['report', '--from', '2026-11-01', '--to', '2026-11-30', '--by', 'customer', '--json'], { now: '2026-12-01' }).json();
    expect(byCustomer.periods.find((p: any) => p.period === 'Budi Santoso (customer 4)')).toMatchObject({ orders: 2, no_shows: 2, deposits_forfeited: 100000, storage_fees: 80000 });
    expect(byCustomer.periods.find((p: any) => p.period === 'Ani Wijaya (customer 1)')).toMatchObject({ orders: 3, completed: 3, complaints: 1, compensation: 70000 });
  });

  it('writes the same figures as CSV that another tool can read', () => {
    const csv = shop.ok(['report', '--from', '2026-11-01', '--to', '2026-11-30', '--by', 'month', '--format', 'csv'], { now: '2026-12-01' });
    const py = spawnSync('python3', ['-c', 'import csv,sys,json; print(json.dumps(list(csv.DictReader(sys.stdin))))'], { input: csv, encoding: 'utf8' });
    const [row] = JSON.parse(py.stdout);
    expect(row).toEqual({
      period: '2026-11', orders: '7', completed: '3', cancelled_customer: '1', cancelled_shop: '1', cancelled_policy: '2', no_shows: '2',
      no_show_rate: '0.4', deposits_collected: '370000', deposits_forfeited: '130000', refunds: '70000', compensation: '70000',
      storage_fees: '80000', delivery_fees: '0', complaints: '1',
    });
  });

  it('says the same in text', () => {
    const t = shop.ok(['report', '--from', '2026-11-01', '--to', '2026-11-30'], { now: '2026-12-01' });
    expect(t).toContain('Orders taken: 7   completed: 3   average ready-to-pickup: 2 days');
    expect(t).toContain('Customer-caused: 1 cancellations, 2 no-shows (no-show rate 40%)');
    expect(t).toContain('Shop-caused: 1 cancellations, 2 orders compensated (1 for lateness)');
    expect(t).toContain('Money: DP collected Rp 370.000, DP forfeited Rp 130.000, refunds Rp 70.000, compensation Rp 70.000, storage fees Rp 80.000, delivery fees Rp 0');
    expect(t).toContain('Complaints: 1');
    expect(t).toContain('  2  Budi Santoso (+6281211110002, customer 4)');
  });

  it('the customers list counts the same story', () => {
    const list = shop.run(['customers', '--json'], { now: '2026-12-01' }).json();
    expect(list[0]).toMatchObject({ id: 4, name: 'Budi Santoso', orders: 2, completed: 0, no_shows: 2, shop_failures: 0, forfeited: 100000, blacklisted: false });
    expect(list.find((c: any) => c.id === 1)).toMatchObject({ orders: 3, completed: 3, no_shows: 0, shop_failures: 2 });
    expect(list.find((c: any) => c.id === 3)).toMatchObject({ shop_failures: 1, orders: 1 });
    expect(shop.query("SELECT count(*) AS n FROM blacklist")[0].n).toBe(0);
  });

  it('refuses a bad period', () => {
    expect(shop.run(['report', '--from', '2026-12-01', '--to', '2026-11-01']).code).toBe(2);
    expect(shop.run(['report', '--by', 'year']).code).toBe(2);
  });
});
