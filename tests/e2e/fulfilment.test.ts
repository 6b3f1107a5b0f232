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
    expect(shop.okJson(['today'], { now: '2026-12-03' }).deliveries_late).toEqual([{ id: 1, eta: '2026-12-01', days_late: 2, compensated: false, message: 'delay-apology' }]);
    expect(shop.ok(['show', '1'])).toContain('Delivery:  2026-12-01 to Jl. Melati 5, Bandung');
    const r = shop.run(['add', '--customer', 'Tono', '--phone', '0812-2222-0002', '--item', 'Banner:1:300.000', '--pickup', '2026-12-01', '--deliver'], { now: '2026-11-20' });
    expect([r.code, r.stderr]).toEqual([2, 'orders: --deliver needs --address TEXT: where to deliver the order.\n']);
    expect(shop.run(['add', '--customer', 'Tono', '--phone', '0812-2222-0002', '--item', 'Banner:1:300.000', '--pickup', '2026-12-01', '--address', 'x']).code).toBe(2);
  });

  it('a delivered order speaks of its delivery, never of a pickup, in every message, both languages', () => {
    const PICKUP = /pick ?up|picked|collect|coming in|hold it|storage|diambil|pengambilan|datang ke toko|penyimpanan/i;
    const o = shop.okJson(['add', '--customer', 'Tono', '--phone', '0812-2222-0002', '--item', 'Banner:1:300.000', '--pickup', '2026-12-01',
      '--deliver', '--address', 'Jl. Melati 5, Bandung', '--delivery-fee', '15.000'], { now: '2026-11-20' });
    const text = (template: string, lang: string, now = '2026-11-20') =>
      shop.okJson(['message', '1', template, '--lang', lang, '--dry-run'], { now }).text as string;
    expect(o.messages[0].text).toContain('3. Pengiriman: pesanan kami antar pada Selasa, 1 Desember 2026 ke Jl. Melati 5, Bandung.\n'
      + '4. Biaya pengiriman: Rp 20.000 (ongkir Rp 15.000, biaya kemasan Rp 5.000).');
    expect(text('terms', 'en')).toContain('The balance is paid on delivery.\n2. Confirmation');
    expect(text('terms', 'en')).toContain('3. Delivery: we deliver your order on Tuesday, 1 December 2026 to Jl. Melati 5, Bandung.\n'
      + '4. Delivery fee: Rp 20.000 (delivery Rp 15.000, packaging Rp 5.000).\n5. Receiving the order:');
    expect(text('confirmation-request', 'en')).toContain('Delivery date: Tuesday, 1 December 2026, to Jl. Melati 5, Bandung\n');
    expect(text('deposit-reminder', 'id')).toContain('Tanggal pengiriman: Selasa, 1 Desember 2026, ke Jl. Melati 5, Bandung\n');
    for (const lang of ['en', 'id']) {
      for (const t of ['terms', 'confirmation-request', 'deposit-reminder']) expect([t, lang, text(t, lang)]).not.toEqual([t, lang, expect.stringMatching(PICKUP)]);
    }
    shop.ok(['pay', '1', '150000'], { now: '2026-11-20' });
    const confirmed = shop.okJson(['confirm', '1', '--via', 'whatsapp'], { now: '2026-11-20' }).messages[0].text;
    expect(confirmed).toContain('Tanggal pengiriman: Selasa, 1 Desember 2026, ke Jl. Melati 5, Bandung\nSisa pembayaran saat pesanan diantar: Rp 170.000\n');
    expect(confirmed).toContain('begitu pesanan siap dikirim.');
    expect(text('order-confirmed', 'en')).toContain('Balance to pay on delivery: Rp 170.000');

    // Ready after the day promised: the customer is told a new day, never one already past.
    const before = shop.dump();
    const late = shop.run(['ready', '1'], { now: '2026-12-02' });
    expect([late.code, late.stderr]).toEqual([1, 'orders: Order 1 was to be delivered on 2026-12-01; give the day it will be delivered with `orders ready 1 --pickup DATE`, so the customer is told a day that holds.\n']);
    expect(shop.dump()).toBe(before);
    expect(shop.ok(['ready', '1', '--pickup', '2026-12-03', '--lang', 'en'], { now: '2026-12-02' })).toContain('Order 1 is ready for delivery on 2026-12-03 to Jl. Melati 5, Bandung; balance to collect Rp 170.000.\n\n'
      + '--- to Tono (+6281222220002) · order 1 · ready-for-pickup · en ---\nHello Tono,\n\n'
      + 'Good news: your order #1 is ready, and we will deliver it on Thursday, 3 December 2026 to Jl. Melati 5, Bandung.\n\n'
      + '- 1 x Banner\nBalance to pay on delivery: Rp 170.000\n\nThank you,\n');
    const ready = text('ready-for-pickup', 'id', '2026-12-02');
    expect(ready).toContain('sudah siap dan akan kami antar pada Kamis, 3 Desember 2026 ke Jl. Melati 5, Bandung.');
    for (const lang of ['en', 'id']) expect(text('ready-for-pickup', lang, '2026-12-02')).not.toMatch(PICKUP);
    const show = shop.ok(['show', '1'], { now: '2026-12-02' });
    expect(show).toContain('Delivery:  2026-12-03 to Jl. Melati 5, Bandung');
    expect(show).toContain('  Delivered: no pickup hold, no storage fee, never cancelled as a no-show.\n  Delivery: Rp 15.000 + packaging Rp 5.000');
    expect(show).toContain('delivery-date-changed: 2026-12-01 -> 2026-12-03');
    expect(shop.ok(['today'], { now: '2026-12-03' })).toContain('#1 Tono +6281222220002 [ready] to deliver, to collect Rp 170.000');
    const receipt = shop.ok(['receipt', '1', '--lang', 'en'], { now: '2026-12-03' });
    expect(receipt).toContain('- If nobody can receive the order, we agree on\n  another day with you.\n');
    expect(receipt).not.toMatch(/Not collected|Held free/);
    // The pickup clock's messages do not apply: no hold, no no-show, no forfeit to threaten.
    const logged = shop.dump();
    for (const t of ['pickup-reminder', 'pickup-overdue', 'grace-extension', 'auto-cancel-notice', 'delivery-offer']) {
      const r = shop.run(['message', '1', t], { now: '2026-12-03' });
      expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `orders: Order 1 is delivered, not picked up: ${t} does not apply to it (\`orders show 1\` has its delivery).\n`]);
    }
    expect(shop.dump()).toBe(logged);
  });

  it('a delivery day is corrected with edit, never promised in the past, listed once when late, and its fee said plainly', () => {
    const add = (extra: string[]) => shop.run(['add', '--customer', 'Tono', '--phone', '0812-2222-0002', '--item', 'Banner:1:300.000', '--pickup', '2026-12-04',
      '--deliver', '--address', 'Jl. Melati 5', ...extra, '--json'], { now: '2026-12-01' });
    const free = add(['--delivery-fee', '0']);
    // Packaging (5.000) is still a fee: nothing to warn of.
    expect(free.stderr).toBe('');
    shop.ok(['config', 'set', 'delivery.packaging_fee', '0']);
    const freeNow = add(['--delivery-fee', '0', '--deposit', '100%']);
    expect(freeNow.stderr).toBe('orders: note: the delivery is free (no delivery or packaging fee), and the terms tell the customer so; `--delivery-fee AMOUNT` or `orders config set delivery.base_fee AMOUNT` charges one.\n');
    expect(freeNow.json().messages[0].text).toContain('sebelum mulai kami kerjakan, jadi tidak ada sisa pembayaran saat pesanan diantar.');
    const paidUp = add(['--deposit', '100%']).json();
    expect(shop.okJson(['message', String(paidUp.id), 'terms', '--lang', 'en', '--dry-run'], { now: '2026-12-01' }).text)
      .toContain('1. Payment: orders are paid in full (Rp 300.000) before we start work; the delivery fee of Rp 20.000 is paid on delivery.');

    // Order 1: the day moves with edit, in show and in every message after.
    const edited = shop.okJson(['edit', '1', '--pickup', '2026-12-08'], { now: '2026-12-01' });
    expect(edited.delivery.eta).toBe('2026-12-08');
    expect(shop.ok(['show', '1'], { now: '2026-12-01' })).toContain('delivery 2026-12-04 -> 2026-12-08');
    expect(shop.okJson(['message', '1', 'confirmation-request', '--dry-run'], { now: '2026-12-01' }).text).toContain('Tanggal pengiriman: Selasa, 8 Desember 2026, ke Jl. Melati 5');
    shop.ok(['pay', '1', '150000'], { now: '2026-12-01' });
    shop.ok(['confirm', '1', '--via', 'whatsapp'], { now: '2026-12-01' });
    const before = shop.dump();
    const past = shop.run(['ready', '1', '--pickup', '2026-12-03'], { now: '2026-12-05' });
    expect([past.code, past.stderr]).toEqual([2, 'orders: Invalid pickup date 2026-12-03: it is before today (2026-12-05).\n']);
    expect(shop.dump()).toBe(before);

    // Late and confirmed: once, under deliveries. A pending order past its day whose DP is unpaid waits on the
    // customer: the deposit reminder answers it, not a compensation.
    const today = shop.okJson(['today'], { now: '2026-12-09' });
    expect(today.deliveries_late.map((o: any) => o.id)).toEqual([1]);
    expect(today.shop_late.map((o: any) => [o.id, o.pickup_date, o.message])).toEqual([[2, '2026-12-04', 'deposit-reminder'], [3, '2026-12-04', 'deposit-reminder']]);
    expect(today.deposits_unpaid.map((o: any) => o.id)).toEqual([2, 3]);
    expect(shop.ok(['today'], { now: '2026-12-09' })).toContain('#2 Tono +6281222220002 [pending]: delivery was 2026-12-04, 5 day(s) late; the DP is not paid yet: `orders message 2 deposit-reminder`');
  });

  it('an accepted delivery is due on its ETA, not its pickup date', () => {
    shop.ok(['add', '--customer', 'Budi', '--phone', '0812-2222-0003', '--item', 'Kaos:2:85.000', '--pickup', '2026-12-05'], { now: '2026-11-20' });
    shop.ok(['pay', '1', '85000'], { now: '2026-11-20' });
    shop.ok(['confirm', '1', '--via', 'whatsapp'], { now: '2026-11-20' });
    shop.ok(['ready', '1'], { now: '2026-12-02' });
    shop.ok(['deliver', '1', '--accept', '--eta', '2026-12-03'], { now: '2026-12-02' });
    // Still in production, accepted for a day after its pickup date: not late on that pickup date.
    shop.ok(['add', '--customer', 'Citra', '--phone', '0812-2222-0004', '--item', 'Kaos:2:85.000', '--pickup', '2026-12-04'], { now: '2026-11-20' });
    shop.ok(['pay', '2', '85000'], { now: '2026-11-20' });
    shop.ok(['confirm', '2', '--via', 'whatsapp'], { now: '2026-11-20' });
    shop.ok(['deliver', '2', '--accept', '--eta', '2026-12-07'], { now: '2026-12-02' });
    expect(shop.okJson(['today'], { now: '2026-12-03' }).pickups.map((o: any) => o.id)).toEqual([1]);
    const fifth = shop.okJson(['today'], { now: '2026-12-05' });
    expect([fifth.pickups, fifth.shop_late, fifth.deliveries_late.map((o: any) => o.id)]).toEqual([[], [], [1]]);
    expect(shop.okJson(['today'], { now: '2026-12-08' }).deliveries_late.map((o: any) => [o.id, o.eta])).toEqual([[1, '2026-12-03'], [2, '2026-12-07']]);
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
