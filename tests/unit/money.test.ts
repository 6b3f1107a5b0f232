import { describe, expect, it } from 'vitest';
import { currencyOf, formatMoney, formatWithIntl, knownCurrency, parseAmount, percentOf, toMajorNumber, toMajorString } from '../../src/core/money.ts';

const IDR = currencyOf('IDR');
const USD = currencyOf('usd');

describe('parseAmount', () => {
  it.each([
    ['1500000', IDR, 'id', 1500000],
    ['1.500.000', IDR, 'id', 1500000],
    ['1,500,000', IDR, 'en', 1500000],
    ['0', IDR, 'id', 0],
    ['12.50', USD, 'en', 1250],
    ['12.5', USD, 'en', 1250],
    ['1,234.05', USD, 'en', 123405],
    ['12,50', USD, 'id', 1250],
    ['1.234,5', USD, 'id', 123450],
    ['007', IDR, 'id', 7],
    ['999999999999999', IDR, 'en', 999999999999999],
    ['9999999999999.99', USD, 'en', 999999999999999],
  ])('reads %s', (text, cur, locale, minor) => {
    expect(parseAmount(text, cur, locale)).toBe(minor);
  });

  it.each([
    ['abc', IDR, 'id'], ['-5', IDR, 'id'], ['1.500', IDR, 'en'], ['1,5', IDR, 'id'], ['12.345', USD, 'en'],
    ['1.50.000', IDR, 'id'], ['', IDR, 'id'], ['1e6', IDR, 'id'], ['99999999999999999', IDR, 'id'], ['1000000000000000', IDR, 'en'], ['1.000.000.000.000.000', IDR, 'id'], ['9007199254740991', IDR, 'en'], ['10000000000000.00', USD, 'en'], ['90071992547409.91', USD, 'en'], ['12.50', USD, 'id'],
  ])('refuses %s (%s, %s) with exit code 2', (text, cur, locale) => {
    expect(() => parseAmount(text, cur, locale)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it('names the currency when decimals are not allowed', () => {
    expect(() => parseAmount('1500,5', IDR, 'id')).toThrow(/IDR has no decimals/);
  });
});

describe('formatting and JSON numbers', () => {
  it('formats for the locale', () => {
    expect(formatMoney(1500000, IDR, 'id')).toBe('Rp 1.500.000');
    expect(formatMoney(1250, USD, 'en')).toBe('$12.50');
    expect(formatMoney(-1250, USD, 'en')).toBe('-$12.50');
    expect(formatMoney(85000, IDR, 'en')).toBe('IDR 85,000');
    expect(formatMoney(1250, currencyOf('JPY'), 'en')).toBe('¥1,250');
  });
  it('writes the usual currencies exactly as Intl.NumberFormat does, without loading it', () => {
    const amounts = [0, 1, 5, 9, 10, 99, 100, 101, 999, 1000, 1001, 12345, 85000, 99999, 100000, 1234567, 10_000_000, 123_456_789_012, Number.MAX_SAFE_INTEGER];
    for (const locale of ['id', 'en']) {
      for (const currency of [IDR, USD, currencyOf('EUR')]) {
        for (const minor of [...amounts, ...amounts.map((a) => -a).filter((a) => a !== 0)]) {
          expect(formatMoney(minor, currency, locale), `${locale} ${currency.code} ${minor}`).toBe(formatWithIntl(minor, currency, locale));
        }
      }
    }
  });
  it('gives exact major-unit decimals', () => {
    expect(toMajorString(1250, USD)).toBe('12.5');
    expect(toMajorString(5, USD)).toBe('0.05');
    expect(toMajorNumber(1500000, IDR)).toBe(1500000);
    expect(toMajorNumber(-305, USD)).toBe(-3.05);
  });
  it('rounds a percent of a total up to the minor unit', () => {
    expect(percentOf(170000, 50)).toBe(85000);
    expect(percentOf(1001, 30)).toBe(301);
    expect(percentOf(0, 30)).toBe(0);
  });
  it('refuses an unknown currency', () => {
    expect(() => currencyOf('XYZW')).toThrow(/not a currency code/);
    expect(() => knownCurrency('XYZ')).toThrow(/not a currency code/);
  });
});
