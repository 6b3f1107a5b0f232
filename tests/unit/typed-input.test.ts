import { describe, expect, it } from 'vitest';
import { currencyOf, parseAmount } from '../../src/core/money.ts';
import { parseTypedDate } from '../../src/core/typed-date.ts';
import { normaliseSetting } from '../../src/core/settings.ts';
import { parseDepositPercent } from '../../src/core/terms.ts';

const IDR = currencyOf('IDR');
const USD = currencyOf('USD');

describe('amounts as an Indonesian owner types them (IDR)', () => {
  it.each([
    ['Rp 85.000', 85_000], ['Rp85.000', 85_000], ['rp 85.000', 85_000], ['Rp. 85.000', 85_000], ['Rp 85.000,-', 85_000],
    ['85rb', 85_000], ['85 rb', 85_000], ['85RB', 85_000], ['85 ribu', 85_000], ['85k', 85_000], ['1,5rb', 1_500],
    ['1,5jt', 1_500_000], ['1.5jt', 1_500_000], ['1,5 juta', 1_500_000], ['2jt', 2_000_000], ['2 juta', 2_000_000],
    ['1,25jt', 1_250_000], ['Rp 1,5jt', 1_500_000], ['Rp 85000', 85_000],
  ])('reads %s as %d in both locales', (text, minor) => {
    expect(parseAmount(text, IDR, 'id')).toBe(minor);
    expect(parseAmount(text, IDR, 'en')).toBe(minor);
  });

  it('keeps each locale\'s own grouping after "Rp"', () => {
    expect(parseAmount('Rp 1,500,000', IDR, 'en')).toBe(1_500_000);
    expect(() => parseAmount('Rp 1,500,000', IDR, 'id')).toThrow(/Invalid amount "Rp 1,500,000"/);
  });

  it.each(['Rp', 'rb', '85 ribuan', '1.500rb', '1,255jt', '-85rb', 'Rp -5', '85 rb rb', '1,5 jt 2', 'Rp 85.000,00'])('refuses %s, naming the forms accepted', (text) => {
    expect(() => parseAmount(text, IDR, 'id')).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining('85rb, 85 ribu, 1,5jt or 2 juta') }));
  });

  it('leaves other currencies and the JSON/CSV reader without the rupiah words', () => {
    expect(() => parseAmount('85rb', USD, 'en')).toThrow(/use a non-negative number such as 1,500,000 or 12.50/);
    expect(() => parseAmount('Rp 85.000', USD, 'id')).toThrow(/Invalid amount/);
    expect(() => parseAmount('85rb', IDR, 'en-plain')).toThrow(/such as 1500000 or 1,500,000\.$/);
  });
});

describe('percents typed with a % sign', () => {
  it('accepts 60% in percent settings and deposits', () => {
    const ctx = { currency: IDR, locale: 'id' };
    expect(normaliseSetting('deposit.min_percent', '60%', ctx)).toBe('60');
    expect(normaliseSetting('deposit.min_percent', ' 60 % ', ctx)).toBe('60');
    expect(normaliseSetting('deposit.escalation', '30%,50%,100%', ctx)).toBe('30,50,100');
    expect(parseDepositPercent('60%')).toBe(60);
  });
  it.each(['101%', '%', '60%%', '6O%'])('refuses %s', (text) => {
    expect(() => normaliseSetting('deposit.min_percent', text, { currency: IDR, locale: 'id' })).toThrow(/use a whole percent from 0 to 100/);
  });
});

// 2026-12-02 is a Wednesday (Rabu).
const TODAY = '2026-12-02';

describe('dates as owners type them', () => {
  it.each([
    ['hari ini', '2026-12-02'], ['today', '2026-12-02'], ['besok', '2026-12-03'], ['Besok', '2026-12-03'], ['tomorrow', '2026-12-03'],
    ['lusa', '2026-12-04'], ['+3d', '2026-12-05'], ['2026-12-25', '2026-12-25'],
    ['sabtu', '2026-12-05'], ['Sabtu', '2026-12-05'], ['saturday', '2026-12-05'], ['sab', '2026-12-05'], ['sat', '2026-12-05'],
    ['rabu', '2026-12-09'], ['wednesday', '2026-12-09'], ['kamis', '2026-12-03'], ['senin', '2026-12-07'], ['minggu', '2026-12-06'],
    ["jum'at", '2026-12-04'], ['jumat', '2026-12-04'], ['friday', '2026-12-04'],
  ])('reads %s in both locales', async (text, date) => {
    expect(await parseTypedDate(text, TODAY, 'id')).toBe(date);
    expect(await parseTypedDate(text, TODAY, 'en')).toBe(date);
  });

  it.each([
    ['25/12/2026', '2026-12-25'], ['25-12-2026', '2026-12-25'], ['5/1/2027', '2027-01-05'], ['05/01/2027', '2027-01-05'], ['29/02/2028', '2028-02-29'],
  ])('reads the day-first %s in an id shop', async (text, date) => {
    expect(await parseTypedDate(text, TODAY, 'id')).toBe(date);
  });

  it.each(['25/12/2026', '03/04/2027', '25-12-2026'])('refuses the slash or dash date %s in an en shop as ambiguous', async (text) => {
    await expect(parseTypedDate(text, TODAY, 'en', 'pickup date')).rejects.toThrow(
      `Invalid pickup date "${text}": a day-month date is ambiguous in an en shop (is 03/04 March or April?); use YYYY-MM-DD, today, tomorrow, a weekday (saturday, sabtu) or +Nd (e.g. +3d).`);
  });

  it.each(['31/02/2026', '32/12/2026', '25/13/2026', '2026-13-01', '12/25/2026', 'next week', '+3', '', 'sabtu depan', '25/12/26', 'lusa besok'])('refuses %s in an id shop, naming the forms', async (text) => {
    await expect(parseTypedDate(text, TODAY, 'id', 'pickup date')).rejects.toThrow(expect.objectContaining({
      exitCode: 2,
      message: `Invalid pickup date "${text}": use YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY, hari ini, besok, lusa, a weekday (sabtu, saturday) or +Nd (e.g. +3d).`,
    }));
  });

  it.each(['next week', 'besok pagi', '2026-02-30'])('refuses %s in an en shop', async (text) => {
    await expect(parseTypedDate(text, TODAY, 'en')).rejects.toThrow(/use YYYY-MM-DD, today, tomorrow, a weekday/);
  });
});
