import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Shop } from './harness.ts';

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
});
afterEach(() => shop.cleanup());

const RATNA = ['--customer', 'Ratna Wijaya', '--phone', '0813-1111-2222'];

describe('amounts and dates as the owner types them (2026-11-25 is a Wednesday)', () => {
  it.each([
    ['Rp 85.000', 'besok', 85_000, '2026-11-26'],
    ['1,5jt', 'sabtu', 1_500_000, '2026-11-28'],
    ['85rb', '25/12/2026', 85_000, '2026-12-25'],
    ['2 juta', 'lusa', 2_000_000, '2026-11-27'],
    ['Rp85.000,-', 'Rabu', 85_000, '2026-12-02'],
  ])('add --item "Kaos:1:%s" --pickup %s', (price, pickup, minor, date) => {
    const o = shop.okJson(['add', ...RATNA, '--item', `Kaos:1:${price}`, '--pickup', pickup, '--deposit', '60%']);
    expect(o).toMatchObject({ items: [{ unit_price: minor }], pickup_date: date, deposit_percent: 60 });
  });

  it('pay and config take them too', () => {
    shop.ok(['add', ...RATNA, '--item', 'Kaos:1:1,5jt', '--pickup', 'besok']);
    expect(shop.okJson(['pay', '1', 'Rp 750.000'])).toMatchObject({ paid: 750000 });
    shop.ok(['config', 'set', 'deposit.min_percent', '40%']);
    shop.ok(['config', 'set', 'storage.fee_per_day', '5rb']);
    expect(shop.ok(['config', 'get', 'deposit.min_percent'])).toBe('40\n');
    expect(shop.ok(['config', 'get', 'storage.fee_per_day'])).toBe('5000\n');
  });

  it('an en shop refuses a slash date as ambiguous, naming the forms, and changes nothing', () => {
    shop.ok(['config', 'set', 'locale', 'en']);
    const before = shop.dump();
    const r = shop.run(['add', ...RATNA, '--item', 'Kaos:1:85000', '--pickup', '03/04/2027']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('orders: Invalid pickup date "03/04/2027": a day-month date is ambiguous in an en shop (is 03/04 March or April?); use YYYY-MM-DD, today, tomorrow, a weekday (saturday, sabtu) or +Nd (e.g. +3d).\n');
    expect(shop.dump()).toBe(before);
  });

  it('refuses "1.500rb" as ambiguous rather than guessing, and changes nothing', () => {
    const before = shop.dump();
    const r = shop.run(['add', ...RATNA, '--item', 'Kaos:1:1.500rb', '--pickup', 'besok']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^orders: Invalid unit price in item "Kaos:1:1.500rb" "1.500rb": use a non-negative number such as 1500000, 1.500.000, Rp 85.000, 85rb, 85 ribu, 1,5jt or 2 juta\.\n$/);
    expect(shop.dump()).toBe(before);
  });
});

describe('salutations and language per customer', () => {
  it('a customer with --lang en and --salutation kak gets English, by first name; --lang id still wins', () => {
    shop.ok(['add', ...RATNA, '--item', 'Kaos:1:85.000', '--pickup', '2026-12-01']);
    expect(shop.okJson(['customers', 'set', '0813-1111-2222', '--salutation', 'kak', '--lang', 'en'])).toMatchObject({ salutation: 'kak', lang: 'en' });
    const en = shop.okJson(['message', '1', 'pickup-reminder', '--dry-run']);
    expect(en).toMatchObject({ lang: 'en' });
    expect(en.text).toMatch(/^Hello Ratna,\n/);
    const id = shop.okJson(['message', '1', 'pickup-reminder', '--dry-run', '--lang', 'id']);
    expect(id.text).toMatch(/^Halo Kak Ratna,\n/);
    expect(shop.okJson(['customers'])[0]).toMatchObject({ name: 'Ratna Wijaya', salutation: 'kak', lang: 'en' });
  });

  it('add --salutation bu is kept for later messages; a title typed in the name is not doubled; a business is greeted through its people', () => {
    shop.ok(['add', ...RATNA, '--item', 'Kaos:1:85.000', '--pickup', '2026-12-01', '--salutation', 'bu']);
    expect(shop.okJson(['message', '1', 'pickup-reminder', '--dry-run']).text).toMatch(/^Halo Ibu Ratna Wijaya,\n/);
    shop.ok(['add', '--customer', 'Ibu Sari', '--phone', '0813-3333-4444', '--item', 'Kaos:1:85.000', '--pickup', '2026-12-01']);
    expect(shop.okJson(['message', '2', 'pickup-reminder', '--dry-run']).text).toMatch(/^Halo Ibu Sari,\n/);
    shop.ok(['add', '--customer', 'PT Sinar Abadi', '--phone', '0813-5555-6666', '--item', 'Kaos:1:85.000', '--pickup', '2026-12-01']);
    const pt = shop.okJson(['message', '3', 'ready-for-pickup', '--dry-run']).text;
    expect(pt).toMatch(/^Halo Bapak\/Ibu di PT Sinar Abadi,\n/);
    expect(pt).not.toContain('Bapak/Ibu PT');
  });

  it('customers set refuses a bad salutation or nothing to set, and changes nothing', () => {
    shop.ok(['add', ...RATNA, '--item', 'Kaos:1:85.000', '--pickup', '2026-12-01']);
    const before = shop.dump();
    const bad = shop.run(['customers', 'set', '0813-1111-2222', '--salutation', 'tuan']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are pak, bu, kak, none/);
    const nothing = shop.run(['customers', 'set', '0813-1111-2222']);
    expect([nothing.code, nothing.stderr]).toEqual([2, 'orders: Nothing to set: give --name NAME, --salutation pak|bu|kak|none and/or --lang en|id.\n']);
    const unknown = shop.run(['customers', 'set', '0899-0000-0000', '--salutation', 'bu']);
    expect(unknown.code).toBe(1);
    expect(shop.dump()).toBe(before);
  });
});

describe('a shop cancellation with an alternative', () => {
  it('the apology offers it, in a sentence, with no form-like "Alasan:" line, and says how and when the money goes back', () => {
    shop.ok(['add', ...RATNA, '--item', 'Kaos:24:85.000', '--pickup', '2026-12-01']);
    shop.ok(['pay', '1', '1.020.000', '--method', 'transfer']);
    const out = shop.okJson(['cancel', '1', '--by', 'shop', '--reason', 'stok kain habis secara nasional', '--offer', 'kaos katun combed dengan harga sama, siap 3 Desember', '--yes']);
    const text = out.messages[0].text as string;
    expect(text).toContain('terpaksa kami batalkan karena stok kain habis secara nasional.');
    expect(text).toContain('Sebagai gantinya, kami bisa menawarkan: kaos katun combed dengan harga sama, siap 3 Desember.');
    expect(text).toContain('Rp 1.020.000 kami kembalikan penuh. Mohon kirimkan nomor rekening tujuan');
    expect(text).toContain('paling lambat Jumat, 27 November 2026');
    expect(text).not.toMatch(/Alasan:/);
    // Rendered again later, the offer is still there.
    expect(shop.okJson(['message', '1', 'shop-cancel-apology', '--dry-run']).text).toContain('Sebagai gantinya');
  });

  it('--offer on a customer cancellation is bad usage and changes nothing', () => {
    shop.ok(['add', ...RATNA, '--item', 'Kaos:1:85.000', '--pickup', '2026-12-01']);
    const before = shop.dump();
    const r = shop.run(['cancel', '1', '--by', 'customer', '--reason', 'x', '--offer', 'y', '--yes']);
    expect([r.code, r.stderr]).toEqual([2, 'orders: --offer is for a shop cancellation (--by shop): the alternative the shop offers in its apology.\n']);
    expect(shop.dump()).toBe(before);
  });
});

describe('orders receipt', () => {
  beforeEach(() => {
    shop.ok(['config', 'set', 'shop.address', 'Jl. Melati No. 5, Bandung']);
    shop.ok(['config', 'set', 'shop.phone', '0812-9999-8888']);
    shop.ok(['add', '--customer', 'Bapak Hendra Kusumawardhana', '--phone', '0813-7777-8888', '--item', 'Kaos sablon hitam ukuran XXL dua sisi premium:24:85.000',
      '--item', 'Stiker:100:1.500', '--pickup', '2026-12-01']);
    shop.ok(['pay', '1', '1.095.000', '--method', 'transfer'], { now: '2026-11-25T10:00' });
  });

  it('a 32-column nota: every line fits, with the shop, the items, each payment and the balance; numbered and logged', () => {
    const text = shop.ok(['receipt', '1', '--width', '32'], { now: '2026-11-26T09:30' });
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(32);
    expect(lines[0]).toBe('           TOKO MAJU');
    expect(text).toContain('Jl. Melati No. 5, Bandung');
    expect(text).toContain('0812-9999-8888');
    expect(text).toContain('NOTA No. 000001 26/11/2026 09:30');
    expect(text).toContain('  25/11/26 transfer Rp 1.095.000');
    expect(text).toContain('Sisa                Rp 1.095.000');
    expect(text).toContain('Ambil: Selasa, 1 Desember 2026');
    expect(text).not.toContain('LUNAS');
    const logged = shop.query("SELECT kind, channel, text FROM communications WHERE kind = 'receipt'");
    expect(logged).toEqual([{ kind: 'receipt', channel: 'printed', text: text.trimEnd() }]);
  });

  it('a reprint takes the next number and names the one it repeats; paid up it says LUNAS', () => {
    shop.ok(['receipt', '1']);
    shop.ok(['pay', '1', '1.095.000']);
    const text = shop.ok(['receipt', '1', '--width', '48']);
    expect(text).toContain('NOTA No. 000002');
    expect(text).toContain('(Cetak ulang dari nota No. 000001)');
    expect(text).toContain('*** LUNAS ***');
    for (const line of text.trimEnd().split('\n')) expect([...line].length).toBeLessThanOrEqual(48);
    expect(shop.okJson(['receipt', '1'])).toMatchObject({ receipt: 3, order_id: 1, reprint_of: 2 });
    expect(shop.query('SELECT id, reprint_of FROM receipts ORDER BY id')).toEqual([{ id: 1, reprint_of: null }, { id: 2, reprint_of: 1 }, { id: 3, reprint_of: 2 }]);
  });

  it('in the customer\'s language', () => {
    shop.ok(['customers', 'set', '0813-7777-8888', '--lang', 'en']);
    const text = shop.ok(['receipt', '1']);
    expect(text).toContain('RECEIPT No. 000001');
    expect(text).toContain('Balance due');
  });

  it('--pdf writes a PDF whose text holds the order, the payments and LUNAS', () => {
    shop.ok(['pay', '1', '1.095.000', '--method', 'cash'], { now: '2026-11-26T10:00' });
    const file = join(shop.dir, 'nota-1.pdf');
    const r = shop.run(['receipt', '1', '--pdf', file]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', `Receipt No. 1 for order 1 written to ${file}.\n`]);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('TOKO MAJU');
    expect(text).toContain('Pesanan:');
    expect(text).toContain('#1');
    expect(text).toContain('Kaos sablon hitam ukuran XXL dua sisi premium');
    expect(text).toMatch(/25\/11\/2026 transfer\s+Rp 1\.095\.000/);
    expect(text).toMatch(/26\/11\/2026 tunai\s+Rp 1\.095\.000/);
    expect(text).toContain('*** LUNAS ***');
    expect(shop.query("SELECT channel FROM communications WHERE kind = 'receipt'")).toEqual([{ channel: 'pdf' }]);
  });

  it('refusals take no number and change nothing', () => {
    const before = shop.dump();
    const width = shop.run(['receipt', '1', '--width', '40']);
    expect([width.code, width.stderr]).toEqual([2, 'orders: Invalid --width "40": use 32 (58 mm paper) or 48 (80 mm paper).\n']);
    const missing = shop.run(['receipt', '9']);
    expect(missing.code).toBe(1);
    const unwritable = shop.run(['receipt', '1', '--pdf', join(shop.dir, 'no-such-dir', 'x.pdf')]);
    expect(unwritable.code).not.toBe(0);
    expect(unwritable.stderr).toMatch(/no-such-dir/);
    expect(shop.dump()).toBe(before);
  });
});
