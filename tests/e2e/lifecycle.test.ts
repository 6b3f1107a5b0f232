import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addKaos, ON_POSTGRES, Shop } from './harness.ts';

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
});
afterEach(() => shop.cleanup());

describe('the database', () => {
  it('is created with mode 0600, WAL and the schema version', () => {
    if (ON_POSTGRES) {
      // A server's database has no file mode or journal of ours; the schema version is a table.
      expect(shop.query('SELECT version FROM schema_version')).toEqual([{ version: 2 }]);
      expect(shop.query("SELECT value FROM settings WHERE key = 'shop.name'")[0].value).toBe('Toko Maju');
      return;
    }
    expect(statSync(shop.db).mode & 0o777).toBe(0o600);
    const [{ journal_mode }] = shop.query('PRAGMA journal_mode');
    expect(journal_mode).toBe('wal');
    const [{ user_version }] = shop.query('PRAGMA user_version');
    expect(user_version).toBe(2);
    expect(shop.query("SELECT value FROM settings WHERE key = 'shop.name'")[0].value).toBe('Toko Maju');
  });
});

describe('an order from add to pickup', () => {
  it('add prints the order with the keys scripts rely on and the DP from the policy', () => {
    const o = addKaos(shop);
    expect(o).toMatchObject({
      id: 1, status: 'pending',
      customer: { id: 1, name: 'Budi Santoso', phone: '+6281234567890', blacklisted: false },
      items: [{ description: 'Kaos sablon', quantity: 2, unit_price: 85000 }],
      total: 170000, deposit_required: 85000, paid: 0, balance: 170000, pickup_date: '2026-12-01',
      cancelled_by: null, cancel_reason: null, storage_fees: 0,
      terms: { grace_days: 2, storage_fee_per_day: 0, cancel_after_days: 7, delivery_base_fee: 0, delivery_packaging_fee: 0, delivery_after_hours_fee: 0, agreed_on: '2026-11-25' },
    });
    const text = shop.ok(['add', '--customer', 'Budi Santoso', '--phone', '+62 812 3456 7890', '--item', 'Stiker:100:1.500', '--pickup', '+3d']);
    expect(text).toContain('Order 2');
    expect(text).toContain('Rp 150.000');
    expect(text).toContain('Syarat & Ketentuan Toko Maju\nPesanan #2, disepakati pada Rabu, 25 November 2026');
    expect(shop.query('SELECT count(*) AS n FROM customers')[0].n).toBe(1);
    expect(shop.okJson(['show', '2']).pickup_date).toBe('2026-11-28');
  });

  it('walks pay, confirm, ready and pickup, with every refusal on the way', () => {
    addKaos(shop);
    let before = shop.dump();
    let r = shop.run(['confirm', '1', '--via', 'whatsapp']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Rp 85\.000 of the Rp 85\.000 DP is still unpaid/);
    expect(shop.dump()).toBe(before);

    expect(shop.okJson(['pay', '1', '50.000']).paid).toBe(50000);
    before = shop.dump();
    r = shop.run(['confirm', '1', '--via', 'whatsapp']);
    expect(r.stderr).toMatch(/Rp 35\.000 of the Rp 85\.000 DP/);
    r = shop.run(['ready', '1']);
    expect([r.code, r.stderr]).toEqual([1, 'orders: Order 1 cannot be marked ready: it is still pending: confirm it first with `orders confirm ID --via CHANNEL`.\n']);
    expect(shop.dump()).toBe(before);

    shop.ok(['pay', '1', '35000', '--method', 'transfer']);
    expect(shop.okJson(['confirm', '1', '--via', 'whatsapp']).status).toBe('confirmed');
    r = shop.run(['pickup', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mark it ready first/);
    expect(shop.okJson(['ready', '1'], { now: '2026-11-30' }).status).toBe('ready');

    before = shop.dump();
    r = shop.run(['pickup', '1'], { now: '2026-12-01' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/still has Rp 85\.000 to pay/);
    expect(shop.dump()).toBe(before);

    const done = shop.okJson(['pickup', '1', '--pay'], { now: '2026-12-01' });
    expect(done).toMatchObject({ status: 'completed', paid: 170000, balance: 0, completed_on: '2026-12-01' });
    expect(shop.query('SELECT kind, amount, method FROM ledger ORDER BY id')).toEqual([
      { kind: 'payment', amount: 50000, method: 'cash' },
      { kind: 'payment', amount: 35000, method: 'transfer' },
      { kind: 'payment', amount: 85000, method: 'cash' },
    ]);
    const show = shop.ok(['show', '1']);
    expect(show).toMatch(/Timeline:[\s\S]*created[\s\S]*payment: Rp 50\.000[\s\S]*confirmed[\s\S]*ready[\s\S]*completed/);
    r = shop.run(['cancel', '1', '--by', 'customer', '--reason', 'late', '--yes']);
    expect([r.code, r.stderr]).toEqual([1, 'orders: Order 1 cannot be cancelled: it is already completed.\n']);
  });

  it('a custom order needs the customer\'s own words to be confirmed', () => {
    addKaos(shop, ['--custom', '--deposit', '100%']);
    shop.ok(['pay', '1', '170000']);
    const r = shop.run(['confirm', '1', '--via', 'whatsapp']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/custom order and needs the customer's written confirmation: add --note/);
    shop.ok(['confirm', '1', '--via', 'email', '--note', 'Ya, 2 kaos ukuran L, warna hitam, Rp 170.000. Setuju.']);
    const [c] = shop.query("SELECT direction, channel, kind, text FROM communications WHERE kind = 'confirmation'");
    expect(c).toEqual({ direction: 'in', channel: 'email', kind: 'confirmation', text: 'Ya, 2 kaos ukuran L, warna hitam, Rp 170.000. Setuju.' });
  });

  it('a large order (by quantity) needs confirmation; --without-deposit overrides the DP and is logged', () => {
    shop.okJson(['add', '--customer', 'Sari', '--phone', '081298765432', '--item', 'Gantungan kunci:60:5.000', '--pickup', '2026-12-05']);
    expect(shop.run(['confirm', '1', '--via', 'phone', '--without-deposit']).stderr).toMatch(/large order/);
    shop.ok(['confirm', '1', '--via', 'phone', '--without-deposit', '--note', 'oke 60 pcs']);
    expect(shop.query("SELECT detail FROM events WHERE kind = 'deposit-override'")[0].detail).toMatch(/Rp 150\.000 of the DP unpaid/);
  });
});

describe('cancellation', () => {
  it('by the customer forfeits what was paid up to the DP; an overpayment is owed back', () => {
    addKaos(shop);
    shop.ok(['pay', '1', '100000']);
    const o = shop.okJson(['cancel', '1', '--by', 'customer', '--reason', 'changed mind', '--yes']);
    expect(o).toMatchObject({ status: 'cancelled', cancelled_by: 'customer', cancel_reason: 'changed mind', paid: 100000, forfeited: 85000, balance: -15000 });
    expect(shop.query('SELECT kind, amount FROM ledger WHERE kind != \'payment\'')).toEqual([{ kind: 'forfeit', amount: 85000 }]);
  });

  it('by the customer with --refund returns that amount and forfeits the rest up to the DP', () => {
    addKaos(shop);
    shop.ok(['pay', '1', '85000']);
    const o = shop.okJson(['cancel', '1', '--by', 'customer', '--reason', 'sick', '--refund', '25.000', '--yes']);
    expect(o).toMatchObject({ paid: 60000, forfeited: 60000, refunded: 25000, balance: 0 });
    const r = shop.run(['cancel', '1', '--by', 'customer', '--reason', 'again', '--yes']);
    expect(r.code).toBe(1);
  });

  it('by the shop refunds everything paid', () => {
    addKaos(shop);
    shop.ok(['pay', '1', '85000']);
    const o = shop.okJson(['cancel', '1', '--by', 'shop', '--reason', 'stock ran out nationally', '--yes']);
    expect(o).toMatchObject({ cancelled_by: 'shop', paid: 0, refunded: 85000, forfeited: 0, balance: 0 });
    expect(shop.ok(['show', '1'])).toMatch(/cancelled: by shop: stock ran out nationally; refunded Rp 85\.000/);
  });

  it('needs --yes without a terminal and changes nothing without it', () => {
    addKaos(shop);
    const before = shop.dump();
    const r = shop.run(['cancel', '1', '--by', 'customer', '--reason', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs confirmation; add --yes/);
    expect(shop.dump()).toBe(before);
  });

  it('refuses a refund larger than what was paid, and a partial refund on a shop cancellation', () => {
    addKaos(shop);
    shop.ok(['pay', '1', '85000']);
    const before = shop.dump();
    let r = shop.run(['cancel', '1', '--by', 'customer', '--reason', 'x', '--refund', '90000', '--yes']);
    expect([r.code, r.stderr]).toEqual([1, 'orders: Order 1 cannot refund Rp 90.000: only Rp 85.000 was paid.\n']);
    r = shop.run(['cancel', '1', '--by', 'shop', '--reason', 'x', '--refund', 'none', '--yes']);
    expect(r.code).toBe(2);
    expect(shop.dump()).toBe(before);
  });
});

describe('frozen terms', () => {
  it('an order keeps the fees it was taken under', () => {
    shop.ok(['config', 'set', 'storage.fee_per_day', '10.000']);
    addKaos(shop);
    shop.ok(['config', 'set', 'storage.fee_per_day', '25.000']);
    shop.ok(['config', 'set', 'pickup.grace_days', '5']);
    const second = addKaos(shop);
    expect(shop.okJson(['show', '1']).terms).toMatchObject({ storage_fee_per_day: 10000, grace_days: 2 });
    expect(second.terms).toMatchObject({ storage_fee_per_day: 25000, grace_days: 5 });
  });
});
