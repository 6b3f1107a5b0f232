import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addKaos, Shop } from './harness.ts';

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
});
afterEach(() => shop.cleanup());

function refused(args: string[], code: number, stderr: string): void {
  const before = shop.dump();
  const r = shop.run(args);
  expect([r.code, r.stdout, r.stderr]).toEqual([code, '', `orders: ${stderr}\n`]);
  expect(shop.dump()).toBe(before);
}

function confirmedKaos(): void {
  addKaos(shop);
  shop.ok(['pay', '1', '85.000']);
  shop.ok(['confirm', '1', '--via', 'whatsapp']);
}

describe('orders edit', () => {
  it('a new quote on a confirmed order withdraws the confirmation and prints the requote', () => {
    confirmedKaos();
    shop.ok(['config', 'set', 'pickup.grace_days', '5']);
    const r = shop.run(['edit', '1', '--item', 'Kaos sablon:3:85.000', '--item', 'Topi:1:40.000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Order 1 edited: items 2 x Kaos sablon @ Rp 85.000 -> 3 x Kaos sablon @ Rp 85.000, 1 x Topi @ Rp 40.000; total Rp 170.000 -> Rp 295.000; DP Rp 85.000 -> Rp 147.500.');
    expect(r.stdout).toContain('its confirmation is withdrawn: the order is pending until the customer confirms the new quote');
    expect(r.stdout).toContain('Total baru: Rp 295.000 (sebelumnya Rp 170.000)\nUang muka (DP 50%): Rp 147.500');
    expect(r.stdout).toContain('pesanan baru kami lanjutkan setelah Bapak/Ibu mengonfirmasi detail terbaru ini secara tertulis');
    const o = shop.okJson(['show', '1']);
    expect(o).toMatchObject({ status: 'pending', total: 295000, deposit_required: 147500, balance: 210000 });
    // The frozen terms are the order's own, whatever the policy says now.
    expect(o.terms).toMatchObject({ grace_days: 2, agreed_on: '2026-11-25' });
    expect(shop.ok(['show', '1'])).toMatch(/edited: items 2 x Kaos sablon @ Rp 85\.000 -> 3 x Kaos sablon/);
    // A requote is about one edit: outside it there is no old total to quote, and the preview says so.
    const preview = shop.run(['message', '1', 'requote', '--dry-run', '--lang', 'en']);
    expect([preview.code, preview.stderr]).toEqual([2, expect.stringMatching(/needs old_total, which order 1 does not have: it is shown only when an edit changes the total/)]);
    // Confirming the new quote needs the new DP first.
    expect(shop.run(['confirm', '1', '--via', 'whatsapp']).stderr).toMatch(/Rp 62\.500 of the Rp 147\.500 DP is still unpaid/);
  });

  it('a new pickup date alone keeps the confirmation and moves the reminders', () => {
    confirmedKaos();
    shop.ok(['sweep'], { now: '2026-11-29' });
    expect(shop.query("SELECT status FROM outbox WHERE template = 'pickup-reminder'")).toEqual([{ status: 'queued' }]);
    const o = shop.okJson(['edit', '1', '--pickup', '2026-12-05'], { now: '2026-11-29' });
    expect(o).toMatchObject({ status: 'confirmed', pickup_date: '2026-12-05', changes: ['pickup 2026-12-01 -> 2026-12-05'], messages: [] });
    expect(shop.query("SELECT status FROM outbox WHERE template = 'pickup-reminder'")).toEqual([{ status: 'expired' }]);
    expect(shop.run(['remind', '--json'], { now: '2026-11-29' }).json()).toEqual([]);
    shop.ok(['sweep'], { now: '2026-12-03' });
    const [reminder] = shop.run(['remind', '--json'], { now: '2026-12-03' }).json();
    expect(reminder.text).toContain('lusa (H-2), Sabtu, 5 Desember 2026');
  });

  it('a lower total leaves money owed back, paid with refund', () => {
    addKaos(shop);
    shop.ok(['pay', '1', '170.000']);
    const o = shop.okJson(['edit', '1', '--item', 'Kaos sablon:1:85.000']);
    expect(o).toMatchObject({ status: 'pending', total: 85000, deposit_required: 42500, balance: -85000 });
    expect(o.messages[0].text).toContain('Pembayaran Bapak/Ibu kini lebih Rp 85.000 dari yang perlu dibayar; kelebihannya akan kami kembalikan.');
    expect(shop.okJson(['refund', '1', 'all']).balance).toBe(0);
  });

  it('changes the DP, the custom flag and the note, each logged', () => {
    addKaos(shop);
    const o = shop.okJson(['edit', '1', '--deposit', '100%', '--custom', '--note', 'warna hitam']);
    expect(o).toMatchObject({ deposit_required: 170000, deposit_percent: 100, custom: true, needs_confirmation: true, note: 'warna hitam' });
    expect(o.changes).toEqual(['DP Rp 85.000 -> Rp 170.000', 'DP percent 50% -> 100%', 'custom: no -> yes', 'note "" -> "warna hitam"']);
    expect(shop.okJson(['edit', '1', '--note', 'warna hitam']).changes).toEqual([]);
  });

  it('refuses ready and final orders and bad input, changing nothing', () => {
    confirmedKaos();
    refused(['edit', '1'], 2, 'Say what to change: --item (replaces all items), --pickup DATE, --deposit AMOUNT|PERCENT%, --custom or --note TEXT.');
    refused(['edit', '1', '--item', 'Kaos:0:1'], 2, 'Invalid quantity "0" in item "Kaos:0:1": use a whole number of 1 or more.');
    refused(['edit', '1', '--pickup', '2026-11-20'], 2, 'Invalid pickup date 2026-11-20: it is before today (2026-11-25).');
    refused(['edit', '1', '--deposit', '10%'], 2, "Deposit 10% is below the shop's minimum of 30% (deposit.min_percent).");
    shop.ok(['ready', '1']);
    refused(['edit', '1', '--pickup', '2026-12-03'], 1, 'Order 1 cannot be edited: it is already ready for pickup, so its goods can no longer change.');
    refused(['edit', '1', '--item', 'Kaos:bad:1'], 2, 'Invalid quantity "bad" in item "Kaos:bad:1": use a whole number of 1 or more.');
    shop.ok(['pickup', '1', '--pay']);
    refused(['edit', '1', '--note', 'x'], 1, 'Order 1 cannot be edited: it is already completed.');
    addKaos(shop);
    shop.ok(['cancel', '2', '--by', 'shop', '--reason', 'stok habis', '--yes']);
    refused(['edit', '2', '--note', 'x'], 1, 'Order 2 cannot be edited: it has been cancelled.');
  });
});
