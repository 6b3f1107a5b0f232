import { describe, expect, it } from 'vitest';
import { currencyOf, formatMoney } from '../../src/core/money.ts';
import { freezeTerms } from '../../src/core/terms.ts';
import { withDefaults } from '../../src/core/settings.ts';
import { longDate } from '../../src/messages/format.ts';
import { receiptLines, shortDate, wrap, type ReceiptFacts } from '../../src/messages/receipt.ts';

const IDR = currencyOf('IDR');
const money = (m: number) => formatMoney(m, IDR, 'id');
const facts: ReceiptFacts = {
  number: 12, reprintOf: null, printedAt: '2026-12-01T09:30:00+07:00',
  shop: { name: 'Toko Maju Jaya Sentosa Abadi Makmur', address: 'Jl. Raya Cibaduyut Gg. Haji Rahmat No. 145B RT 03/RW 07, Bandung', phone: '0812-9999-8888' },
  orderId: 123456, status: 'ready', customerName: 'Bapak Hendra Kusumawardhana Prawiranegara\u001b[31m',
  items: [{ description: 'Spanduk_vinyl_ukuran_besar_sekali_tanpa_spasi_sama_sekali', quantity: 1_000_000, unit_price: 999_999_999 }],
  total: 999_999_999_000_000, depositRequired: 499_999_999_500_000,
  payments: [{ kind: 'payment', amount: 499_999_999_500_000, method: 'transfer', created_at: '2026-11-25T10:00:00+07:00' },
    { kind: 'refund', amount: 5_000, method: 'cash', created_at: '2026-11-26T10:00:00+07:00' }],
  fees: 15_000, compensation: 20_000, balance: 500_000_000_000_000, fulfilment: 'pickup', dueOn: '2026-12-01',
  terms: freezeTerms(withDefaults({ 'storage.fee_per_day': '10000' }), 50, '2026-11-25'),
};

describe('the nota layout', () => {
  for (const width of [32, 48]) {
    for (const lang of ['id', 'en'] as const) {
      it(`fits ${width} columns in ${lang} with the longest amounts, names and words`, () => {
        const lines = receiptLines(facts, width, lang, money, (d) => longDate(d, lang));
        for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(width);
        const text = lines.join('\n');
        expect(text).toContain('Rp 999.999.999.000.000');
        expect(text).toContain('No. 000012');
        expect(text).not.toContain('\u001b');
        expect(text).toContain('\\u{1b}[31m');
      });
    }
  }

  it('says LUNAS when nothing is owed, and which receipt a reprint repeats', () => {
    const text = receiptLines({ ...facts, balance: 0, reprintOf: 11 }, 32, 'id', money, (d) => longDate(d, 'id')).join('\n');
    expect(text).toContain('*** LUNAS ***');
    expect(text).toMatch(/\(Cetak ulang dari nota No\.\s+000011\)/);
    expect(text).toContain('Pengembalian');
  });

  it('a cancelled order is marked as such, never LUNAS', () => {
    const text = receiptLines({ ...facts, status: 'cancelled', balance: 0 }, 48, 'en', money, (d) => longDate(d, 'en')).join('\n');
    expect(text).toContain('*** CANCELLED ***');
    expect(text).not.toContain('PAID IN FULL');
  });

  it('writes payment dates a customer reads one way: DD/MM/YY in id, the month named in en on 58 mm', () => {
    expect(shortDate('2026-12-02T10:00:00+07:00', 'id', true)).toBe('02/12/26');
    expect(shortDate('2026-12-02T10:00:00+07:00', 'en', true)).toBe('02 Dec 26');
    expect(shortDate('2027-01-31', 'en', true)).toBe('31 Jan 27');
    expect(shortDate('2026-12-02', 'en')).toBe('2026-12-02');
    expect(shortDate('2026-12-02', 'id')).toBe('02/12/2026');
    const text = receiptLines(facts, 32, 'en', money, (d) => longDate(d, 'en')).join('\n');
    expect(text).toContain('25 Nov 26 transfer');
    expect(text).toContain('  26 Nov 26 Refund     -Rp 5.000');
  });

  it('wraps words and cuts a word longer than the line', () => {
    expect(wrap('satu dua tiga', 8)).toEqual(['satu dua', 'tiga']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrap('  ', 4)).toEqual([]);
  });
});
