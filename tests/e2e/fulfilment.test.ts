import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Shop } from './harness.ts';

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
  shop.ok(['config', 'set', 'storage.fee_per_day', '10.000']);
  shop.ok(['config', 'set', 'delivery.base_fee', '20.000']);
  shop.ok(['config', 'set', 'delivery.packaging_fee', '5.000']);
});
afterEach(() => shop.cleanup());

describe('perishable orders', () => {
  it('are never charged storage, and their terms and notices say nothing of a fee', () => {
    const o = shop.okJson(['add', '--customer', 'Sari', '--phone', '0812-2222-0001', '--item', 'Tumpeng:1:500.000', '--pickup', '2026-12-01', '--perishable'], { now: '2026-11-20' });
    expect(o).toMatchObject({ perishable: true, fulfilment: 'pickup', delivery: null, terms: { storage_fee_per_day: 0 } });
    expect(o.messages[0].text).not.toMatch(/penyimpanan/);
    shop.ok(['pay', '1', '250000'], { now: '2026-11-20' });
    shop.ok(['confirm', '1', '--via', 'whatsapp'], { now: '2026-11-20' });
    const ready = shop.okJson(['ready', '1'], { now: '2026-11-30' });
    expect(ready.messages[0].text).not.toMatch(/penyimpanan/);
    shop.ok(['sweep'], { now: '2026-12-02' });
    const [notice] = shop.run(['remind', '--json'], { now: '2026-12-02' }).json();
    expect(notice.template).toBe('pickup-overdue');
    expect(notice.text).not.toMatch(/penyimpanan/);
    expect(shop.run(['sweep', '--json'], { now: '2026-12-07' }).json().storage_fees_charged).toBe(0);
    // The rest of the clock is the same: cancelled on the 8th.
    expect(shop.run(['sweep', '--json'], { now: '2026-12-08' }).json()).toMatchObject({ storage_fees_charged: 0, cancelled: [1] });
    expect(shop.ok(['show', '1'])).toContain('perishable: no storage fee');
  });
});

describe('delivery', () => {
  it('from the start: address and own fee, no pickup clock, late in today once the date passes', () => {
    const o = shop.okJson(['add', '--customer', 'Tono', '--phone', '0812-2222-0002', '--item', 'Banner:1:300.000', '--pickup', '2026-12-01',
      '--deliver', '--address', 'Jl. Melati 5, Bandung', '--delivery-fee', '15.000'], { now: '2026-11-20' });
    expect(o).toMatchObject({ fulfilment: 'delivery', delivery_fees: 20000, balance: 320000,
      delivery: { fee: 15000, address: 'Jl. Melati 5, Bandung', eta: '2026-12-01', courier: null, tracking: null } });
    shop.ok(['pay', '1', '320000'], { now: '2026-11-20' });
    shop.ok(['confirm', '1', '--via', 'whatsapp'], { now: '2026-11-20' });
    shop.ok(['ready', '1'], { now: '2026-11-30' });
    expect(shop.run(['sweep', '--json'], { now: '2026-12-20' }).json()).toMatchObject({ reminders_queued: 0, overdue_notices_queued: 0, storage_fees_charged: 0, cancelled: [], held: [] });
    expect(shop.okJson(['today'], { now: '2026-12-03' }).deliveries_late).toEqual([{ id: 1, eta: '2026-12-01', days_late: 2, message: 'delay-apology' }]);
    expect(shop.ok(['show', '1'])).toContain('Delivery:  2026-12-01 to Jl. Melati 5, Bandung');
    const r = shop.run(['add', '--customer', 'Tono', '--phone', '0812-2222-0002', '--item', 'Banner:1:300.000', '--pickup', '2026-12-01', '--deliver'], { now: '2026-11-20' });
    expect([r.code, r.stderr]).toEqual([2, 'orders: --deliver needs --address TEXT: where to deliver the order.\n']);
    expect(shop.run(['add', '--customer', 'Tono', '--phone', '0812-2222-0002', '--item', 'Banner:1:300.000', '--pickup', '2026-12-01', '--address', 'x']).code).toBe(2);
  });

  it('an offer with its own fee, accepted, then delivered with courier and tracking number', () => {
    shop.ok(['add', '--customer', 'Budi', '--phone', '0812-2222-0003', '--item', 'Kaos:2:85.000', '--pickup', '2026-12-01'], { now: '2026-11-20' });
    shop.ok(['pay', '1', '85000'], { now: '2026-11-20' });
    shop.ok(['confirm', '1', '--via', 'whatsapp'], { now: '2026-11-20' });
    shop.ok(['ready', '1'], { now: '2026-11-30' });
    const offer = shop.ok(['deliver', '1', '--offer', '--fee', '12.000', '--eta', '2026-12-04', '--lang', 'en'], { now: '2026-12-02' });
    expect(offer).toContain('- Base fee: Rp 12.000\n- Packaging: Rp 5.000\nDelivery total: Rp 17.000');
    expect(shop.okJson(['deliver', '1', '--accept'], { now: '2026-12-02' })).toMatchObject({ delivery_fees: 17000, balance: 102000 });
    const before = shop.dump();
    expect(shop.run(['deliver', '1', '--accept', '--courier', 'JNE'], { now: '2026-12-02' }).code).toBe(2);
    expect(shop.run(['deliver', '1', '--done', '--fee', '1'], { now: '2026-12-02' }).code).toBe(2);
    expect(shop.run(['deliver', '1', '--offer', '--fee', 'lots'], { now: '2026-12-02' }).code).toBe(2);
    expect(shop.dump()).toBe(before);
    const done = shop.okJson(['deliver', '1', '--done', '--pay', '--courier', 'JNE', '--tracking', 'JNE0012345'], { now: '2026-12-04' });
    expect(done).toMatchObject({ status: 'completed', delivery: { fee: 12000, courier: 'JNE', tracking: 'JNE0012345' } });
    expect(done.messages[0].template).toBe('order-delivered');
    expect(done.messages[0].text).toContain('Kurir: JNE\nNomor resi: JNE0012345');
    expect(shop.ok(['show', '1'])).toContain('Sent:      JNE, tracking (resi) JNE0012345');
  });
});

describe('sweep --send', () => {
  it('without a notify.command is bad usage: exit 2 before anything is done', () => {
    shop.ok(['add', '--customer', 'Budi', '--phone', '0812-2222-0003', '--item', 'Kaos:2:85.000', '--pickup', '2026-12-01'], { now: '2026-11-20' });
    shop.ok(['pay', '1', '85000'], { now: '2026-11-20' });
    shop.ok(['confirm', '1', '--via', 'whatsapp'], { now: '2026-11-20' });
    shop.ok(['ready', '1'], { now: '2026-11-30' });
    const before = shop.dump();
    const r = shop.run(['sweep', '--send'], { now: '2026-12-02' });
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'orders: --send needs a gateway program: set it with `orders config set notify.command "COMMAND"`.\n']);
    expect(shop.dump()).toBe(before);
  });

  it("the README's cron line works on a fresh install", () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const line = /```cron\n0 1 \* \* \* orders ([^>\n]*?)\s*(>>.*)?\n```/.exec(readme);
    expect(line).not.toBeNull();
    const r = shop.run(line![1]!.split(/\s+/), { now: '2026-12-02' });
    expect([r.code, r.stderr]).toEqual([0, '']);
  });

  it('prints ids as ids in its text summary', () => {
    shop.ok(['add', '--customer', 'Budi', '--phone', '0812-2222-0003', '--item', 'Kaos:2:85.000', '--pickup', '2026-12-01'], { now: '2026-11-20' });
    shop.ok(['pay', '1', '85000'], { now: '2026-11-20' });
    shop.ok(['confirm', '1', '--via', 'whatsapp'], { now: '2026-11-20' });
    shop.ok(['ready', '1'], { now: '2026-11-30' });
    const out = shop.ok(['sweep'], { now: '2026-12-10' });
    expect(out).toContain('held for want of a warning (orders): #1\n');
    expect(out).toContain('  order #1: held: deadline passed');
    shop.ok(['remind'], { now: '2026-12-10' });
    expect(shop.ok(['sweep'], { now: '2026-12-12' })).toContain('cancelled as no-show (orders): #1\n');
  });
});
