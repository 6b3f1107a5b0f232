import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Shop } from './harness.ts';

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
  shop.ok(['config', 'set', 'payment.instructions', 'Transfer BCA 123-456-7890 a.n. Toko Maju']);
});
afterEach(() => shop.cleanup());

const add = (name: string, phone: string, pickup: string, extra: string[] = []) =>
  shop.okJson(['add', '--customer', name, '--phone', phone, '--item', 'Kaos sablon:2:85.000', '--pickup', pickup, ...extra], { now: '2026-11-20' }).id as number;

describe('orders today: what the shop itself is behind on', () => {
  it('lists late production, late deliveries, unpaid DPs, held orders and open complaints, each with its message', () => {
    const unpaid = add('Ani', '0812-1111-0001', '2026-12-10');
    const lateProduction = add('Budi', '0812-1111-0002', '2026-12-01');
    shop.ok(['pay', String(lateProduction), '85000'], { now: '2026-11-20' });
    shop.ok(['confirm', String(lateProduction), '--via', 'whatsapp'], { now: '2026-11-20' });
    const delivery = add('Citra', '0812-1111-0003', '2026-12-01');
    shop.ok(['pay', String(delivery), '85000'], { now: '2026-11-20' });
    shop.ok(['confirm', String(delivery), '--via', 'whatsapp'], { now: '2026-11-20' });
    shop.ok(['ready', String(delivery)], { now: '2026-11-30' });
    shop.ok(['deliver', String(delivery), '--accept', '--eta', '2026-12-02'], { now: '2026-11-30' });
    const held = add('Dewi', '0812-1111-0004', '2026-11-25');
    shop.ok(['pay', String(held), '85000'], { now: '2026-11-20' });
    shop.ok(['confirm', String(held), '--via', 'whatsapp'], { now: '2026-11-20' });
    shop.ok(['ready', String(held)], { now: '2026-11-24' });
    shop.ok(['contact', String(delivery), '--in', '--via', 'phone', '--complaint', 'Belum sampai'], { now: '2026-12-03' });
    shop.ok(['sweep'], { now: '2026-12-04' });

    const a = shop.okJson(['today'], { now: '2026-12-04' });
    expect(a.shop_late).toEqual([{ id: lateProduction, status: 'confirmed', pickup_date: '2026-12-01', days_late: 3, compensated: false, message: 'delay-apology' }]);
    expect(a.deliveries_late).toEqual([{ id: delivery, eta: '2026-12-02', days_late: 2, compensated: false, message: 'delay-apology' }]);
    expect(a.deposits_unpaid).toEqual([{ id: unpaid, deposit_required: 85000, paid: 0, created_on: '2026-11-20', message: 'deposit-reminder' }]);
    expect(a.held).toEqual([{ order_id: held, why: expect.stringContaining('once it goes out (orders remind), cancellation on 2026-12-06') }]);
    expect(a.complaints_open).toBe(1);

    const text = shop.ok(['today'], { now: '2026-12-04' });
    expect(text).toContain(`The shop is late (1): compensate, and \`orders compensate\` prints the apology\n  #${lateProduction} Budi +6281211110002 [confirmed]: pickup was 2026-12-01, 3 day(s) late; \`orders compensate ${lateProduction} --kind late --reason TEXT --refund AMOUNT\``);
    expect(text).toContain(`Deliveries late (1): compensate, and \`orders compensate\` prints the apology\n  #${delivery} Citra +6281211110003: ETA was 2026-12-02, 2 day(s) late; \`orders compensate ${delivery} --kind late --reason TEXT --refund AMOUNT\``);
    // The command suggested is the one that answers it: it prints the delay-apology, with what makes up for the delay.
    const apology = shop.okJson(['compensate', String(lateProduction), '--kind', 'late', '--reason', 'mesin sablon rusak', '--refund', '10.000'], { now: '2026-12-04' });
    expect(apology.messages[0].template).toBe('delay-apology');
    expect(apology.messages[0].text).toContain('- pengembalian dana sebesar Rp 10.000');
    // Answered: still late, but no second compensation is suggested.
    expect(shop.ok(['today'], { now: '2026-12-05' })).toContain(`#${lateProduction} Budi +6281211110002 [confirmed]: pickup was 2026-12-01, 4 day(s) late; compensated already (\`orders show ${lateProduction}\`)`);
    expect(shop.okJson(['today'], { now: '2026-12-05' }).shop_late[0]).toMatchObject({ id: lateProduction, compensated: true });
    expect(text).toContain(`DP not paid yet (1)\n  #${unpaid} Ani +6281211110001: DP Rp 85.000, paid Rp 0, ordered 2026-11-20; \`orders message ${unpaid} deposit-reminder\``);
    expect(text).toContain(`Held for want of a warning (1): run \`orders remind\`\n  #${held}: deadline passed`);
    expect(text).toContain('Open complaints: 1 (`orders complaints`)');

    const reminder = shop.okJson(['message', String(unpaid), 'deposit-reminder'], { now: '2026-12-04' });
    expect(reminder.text).toContain('uang muka (DP) sebesar Rp 85.000 kami terima.\nPembayaran dapat melalui: Transfer BCA 123-456-7890 a.n. Toko Maju');
    const en = shop.okJson(['message', String(unpaid), 'deposit-reminder', '--lang', 'en', '--dry-run'], { now: '2026-12-04' });
    expect(en.text).toContain('We start work once the down payment of Rp 85.000 has reached us.\nHow to pay: Transfer BCA 123-456-7890 a.n. Toko Maju');
  });

  it('an empty day says so in each list', () => {
    const a = shop.okJson(['today']);
    expect(a).toMatchObject({ shop_late: [], deliveries_late: [], deposits_unpaid: [], held: [], complaints_open: 0 });
  });
});

describe('payment.instructions', () => {
  it('appears in the terms, the confirmation request and the ready notice while a balance is open', () => {
    expect(shop.ok(['terms', '--lang', 'en'])).toContain('9. How to pay: Transfer BCA 123-456-7890 a.n. Toko Maju');
    const o = shop.okJson(['add', '--customer', 'Ani', '--phone', '0812-1111-0001', '--item', 'Kaos:1:100.000', '--pickup', '2026-12-01', '--custom'], { now: '2026-11-20' });
    expect(o.messages.find((m: any) => m.template === 'confirmation-request').text).toContain('Pembayaran dapat melalui: Transfer BCA');
    shop.ok(['pay', '1', '50000'], { now: '2026-11-20' });
    shop.ok(['confirm', '1', '--via', 'whatsapp', '--note', 'Ya setuju'], { now: '2026-11-20' });
    expect(shop.okJson(['ready', '1'], { now: '2026-11-30' }).messages[0].text).toContain('Pelunasan juga bisa dibayar lebih dulu melalui: Transfer BCA');
    shop.ok(['config', 'set', 'payment.instructions', '']);
    expect(shop.ok(['terms', '--lang', 'en'])).not.toContain('How to pay');
  });
});

describe('complaints with a status', () => {
  it('lists open ones first, resolves with a note (a new row), and the report counts them', () => {
    add('Ani', '0812-1111-0001', '2026-12-01');
    const confirmed = add('Budi', '0812-1111-0002', '2026-12-01');
    shop.ok(['pay', String(confirmed), '85000'], { now: '2026-11-20' });
    shop.ok(['confirm', String(confirmed), '--via', 'whatsapp'], { now: '2026-11-20' });
    const before = shop.okJson(['contact', '1', '--in', '--via', 'whatsapp', '--complaint', 'Harganya kok beda?'], { now: '2026-11-21' });
    expect(before.messages[0].text).toContain('spesifikasi dan harganya sedang kami cek ulang');
    expect(before.messages[0].text).not.toContain('Harganya kok beda');
    shop.ok(['contact', String(confirmed), '--in', '--via', 'visit', '--complaint', 'Sablon miring'], { now: '2026-11-22' });
    const list = shop.okJson(['complaints'], { now: '2026-11-23' });
    expect(list.map((c: any) => [c.order_id, c.status, c.text])).toEqual([[1, 'open', 'Harganya kok beda?'], [confirmed, 'open', 'Sablon miring']]);
    expect(list[0]).toMatchObject({ customer: { name: 'Ani', phone: '+6281211110001' }, resolved_at: null, resolution: null });

    const n = list[0].id;
    const log = shop.query('SELECT * FROM communications ORDER BY id');
    const done = shop.okJson(['complaints', 'resolve', String(n), '--note', 'Harga dijelaskan, pelanggan setuju'], { now: '2026-11-25T10:00:00+07:00' });
    expect(done).toMatchObject({ id: n, status: 'resolved', resolved_at: '2026-11-25T10:00:00+07:00', resolution: 'Harga dijelaskan, pelanggan setuju' });
    expect(shop.query('SELECT * FROM communications ORDER BY id')).toEqual(log);
    expect(shop.okJson(['complaints'], { now: '2026-11-25' }).map((c: any) => c.order_id)).toEqual([confirmed]);
    expect(shop.okJson(['complaints', '--all'], { now: '2026-11-25' }).map((c: any) => [c.order_id, c.status])).toEqual([[confirmed, 'open'], [1, 'resolved']]);
    expect(shop.ok(['show', '1'], { now: '2026-11-25' })).toContain('Harga dijelaskan, pelanggan setuju');

    const report = shop.okJson(['report', '--from', '2026-11-01', '--to', '2026-11-30'], { now: '2026-11-30' });
    expect(report).toMatchObject({ complaints: 2, complaints_open: 1, complaints_resolved: 1, median_days_to_resolve: 4 });
  });

  it('refuses a second resolution, an unknown complaint and a missing note, changing nothing', () => {
    add('Ani', '0812-1111-0001', '2026-12-01');
    shop.ok(['contact', '1', '--in', '--via', 'whatsapp', '--complaint', 'Lama sekali'], { now: '2026-11-21' });
    const [{ id }] = shop.okJson(['complaints']);
    shop.ok(['complaints', 'resolve', String(id), '--note', 'Sudah dijelaskan'], { now: '2026-11-22' });
    const before = shop.dump();
    const again = shop.run(['complaints', 'resolve', String(id), '--note', 'lagi']);
    expect([again.code, again.stderr]).toEqual([1, `orders: Complaint ${id} was already resolved on 2026-11-22: Sudah dijelaskan.\n`]);
    const unknown = shop.run(['complaints', 'resolve', '99', '--note', 'x']);
    expect([unknown.code, unknown.stderr]).toEqual([1, 'orders: There is no complaint 99; `orders complaints` lists the open ones.\n']);
    const noNote = shop.run(['complaints', 'resolve', String(id)]);
    expect([noNote.code, noNote.stderr]).toEqual([2, 'orders: --note needs a non-empty text.\n']);
    const badId = shop.run(['complaints', 'resolve', 'x1', '--note', 'y']);
    expect([badId.code, badId.stderr]).toEqual([2, 'orders: Invalid complaint number "x1": use the number `orders complaints` shows, e.g. 3.\n']);
    expect(shop.dump()).toBe(before);
  });
});
