import { UsageError } from './errors.js';
import { IDR_FORMS, readRupiah } from './typed-amount.js';

/** Money is an integer count of the currency's minor unit; these helpers never use floats. */
export interface Currency {
  code: string;
  /** digits after the decimal point: 0 for IDR, 2 for USD */
  exponent: number;
}

/**
 * Minor-unit digits by ISO 4217, with IDR at 0 as Indonesian shops write it. A table rather
 * than Intl.NumberFormat, whose first use costs milliseconds on every start.
 */
const ZERO_DECIMALS = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'IDR', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

export function currencyOf(code: string): Currency {
  const upper = code.toUpperCase();
  if (!/^[A-Z]{3}$/.test(upper)) {
    throw new UsageError(`"${code}" is not a currency code; use an ISO 4217 code such as IDR or USD.`);
  }
  return { code: upper, exponent: ZERO_DECIMALS.has(upper) ? 0 : THREE_DECIMALS.has(upper) ? 3 : 2 };
}

/** For input: also checks that the code names a real currency (slower, so not on every start). */
export function knownCurrency(code: string): Currency {
  const c = currencyOf(code);
  if (!Intl.supportedValuesOf('currency').includes(c.code)) {
    throw new UsageError(`"${code}" is not a currency code; use an ISO 4217 code such as IDR or USD.`);
  }
  return c;
}

/** Separators people type in each locale. */
function separators(locale: string): { group: string; decimal: string } {
  return locale.startsWith('id') ? { group: '.', decimal: ',' } : { group: ',', decimal: '.' };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Plain digits short enough that a Number holds the minor amount exactly (an import reads millions). */
function isShortInteger(text: string, maxDigits: number): boolean {
  const n = text.length;
  if (n === 0 || n > maxDigits) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const amountPatterns = new Map<string, RegExp>();

function amountPattern(group: string, decimal: string): RegExp {
  const key = group + decimal;
  let re = amountPatterns.get(key);
  if (!re) {
    re = new RegExp(`^(\\d+|\\d{1,3}(?:${escapeRe(group)}\\d{3})+)(?:${escapeRe(decimal)}(\\d+))?$`);
    amountPatterns.set(key, re);
  }
  return re;
}

/**
 * The largest amount, order total or fee, in minor units (SPEC 12): far above any shop's
 * order, and small enough that a sum of many stays exact and its JSON number round-trips.
 */
export const MAX_AMOUNT = 999_999_999_999_999;

export function tooLarge(what: string, text: string, currency: Currency): UsageError {
  return new UsageError(`Invalid ${what} "${text}": the largest accepted is ${toMajorString(MAX_AMOUNT, currency)} ${currency.code}.`);
}

/**
 * Parses an amount as the owner types it: 1500000, 1.500.000 (id) or 1,500,000 (en), with
 * decimals only where the currency has them. Returns minor units.
 */
export function parseAmount(text: string, currency: Currency, locale: string, what = 'amount'): number {
  if (isShortInteger(text, 15 - currency.exponent)) return Number(text) * 10 ** currency.exponent;
  let raw = text.trim();
  let { group, decimal } = separators(locale);
  // Rupiah shorthand is for what people type; JSON and CSV (parseMajor) stay plain numbers.
  if (currency.code === 'IDR' && locale !== 'en-plain') {
    const r = readRupiah(raw);
    if (r.kind === 'minor') return checkedSize(r.amount, text, what);
    raw = r.text;
    if (r.rupiahStyle && amountPattern('.', ',').test(raw)) ({ group, decimal } = separators('id'));
  }
  const m = amountPattern(group, decimal).exec(raw);
  const example = () => {
    if (currency.exponent > 0) return locale.startsWith('id') ? '1.500.000 or 12,50' : '1,500,000 or 12.50';
    const plain = locale.startsWith('id') ? ['1500000', '1.500.000'] : ['1500000', '1,500,000'];
    return currency.code === 'IDR' && locale !== 'en-plain' ? `${plain.join(', ')}, ${IDR_FORMS}` : plain.join(' or ');
  };
  if (!m) {
    throw new UsageError(`Invalid ${what} "${text}": use a non-negative number such as ${example()}.`);
  }
  const whole = m[1]!.split(group).join('');
  const frac = m[2] ?? '';
  if (frac.length > currency.exponent) {
    throw new UsageError(
      currency.exponent === 0
        ? `Invalid ${what} "${text}": ${currency.code} has no decimals; use a whole number such as ${example()}.`
        : `Invalid ${what} "${text}": ${currency.code} has at most ${currency.exponent} decimals.`,
    );
  }
  const digits = whole + frac.padEnd(currency.exponent, '0');
  // Up to 15 digits a Number holds the integer exactly (an import parses millions of these),
  // and 15 digits are at most MAX_AMOUNT.
  if (digits.length <= 15) return Number(digits);
  const minor = BigInt(digits);
  if (minor > BigInt(MAX_AMOUNT)) throw tooLarge(what, text, currency);
  return Number(minor);
}

function checkedSize(minor: number, text: string, what: string): number {
  if (!Number.isSafeInteger(minor)) throw new UsageError(`Invalid ${what} "${text}": the number is too large.`);
  return minor;
}

/** Parses a major-unit decimal as JSON and CSV carry it ("12.5", "1500000"). */
export function parseMajor(text: string, currency: Currency, what = 'amount'): number {
  return parseAmount(text, currency, 'en-plain', what);
}

/** A minor amount split at the currency's decimal point: 1250 USD -> { whole: '12', frac: '50' }. */
function majorParts(minor: number | bigint, currency: Currency): { negative: boolean; whole: string; frac: string } {
  const negative = minor < 0;
  const digits = String(negative ? -minor : minor).padStart(currency.exponent + 1, '0');
  return { negative, whole: digits.slice(0, digits.length - currency.exponent), frac: digits.slice(digits.length - currency.exponent) };
}

/** The major-unit decimal string of a minor amount: 1250 USD -> "12.5", 1500000 IDR -> "1500000". */
export function toMajorString(minor: number | bigint, currency: Currency): string {
  const { negative, whole, frac } = majorParts(minor, currency);
  const trimmed = frac.replace(/0+$/, '');
  return (negative ? '-' : '') + whole + (trimmed ? `.${trimmed}` : '');
}

/** A JSON number in the major unit, built from the exact decimal string. */
export function toMajorNumber(minor: number, currency: Currency): number {
  if (currency.exponent === 0) return minor;
  return Number(toMajorString(minor, currency));
}

/**
 * How Intl writes the shops' usual currencies in the two languages, kept here because the
 * first Intl.NumberFormat of a process costs 15-25 ms of ICU start-up, on nearly every command
 * (tests/unit/money.test.ts checks each against Intl). Other currencies go through Intl.
 */
const PATTERNS: Record<string, { symbol: string; group: string; decimal: string }> = {
  'id|IDR': { symbol: 'Rp ', group: '.', decimal: ',' },
  'en|IDR': { symbol: 'IDR ', group: ',', decimal: '.' },
  'id|USD': { symbol: 'US$', group: '.', decimal: ',' },
  'en|USD': { symbol: '$', group: ',', decimal: '.' },
  'id|EUR': { symbol: '€', group: '.', decimal: ',' },
  'en|EUR': { symbol: '€', group: ',', decimal: '.' },
};

/** Amounts already written, by locale and currency: the sweep formats the same few fees and deposits hundreds of thousands of times. */
const written = new Map<string, Map<number | bigint, string>>();

/** "Rp 1.500.000", "$12.50": formatted for the shop's locale from the exact integer. */
export function formatMoney(minor: number | bigint, currency: Currency, locale: string): string {
  const key = `${locale}|${currency.code}`;
  let done = written.get(key);
  if (!done) written.set(key, (done = new Map()));
  let text = done.get(minor);
  if (text === undefined) {
    const pattern = PATTERNS[key];
    text = pattern ? withPattern(minor, currency, pattern) : formatWithIntl(minor, currency, locale);
    if (done.size >= 10_000) done.clear();
    done.set(minor, text);
  }
  return text;
}

function withPattern(minor: number | bigint, currency: Currency, p: { symbol: string; group: string; decimal: string }): string {
  const { negative, whole, frac } = majorParts(minor, currency);
  return `${negative ? '-' : ''}${p.symbol}${whole.replace(/\B(?=(\d{3})+$)/g, p.group)}${frac ? p.decimal + frac : ''}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** The same through Intl.NumberFormat (spaces for its no-break spaces), for every other currency and locale. */
export function formatWithIntl(minor: number | bigint, currency: Currency, locale: string): string {
  const key = `${locale}|${currency.code}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currency.code,
      minimumFractionDigits: currency.exponent,
      maximumFractionDigits: currency.exponent,
    });
    formatters.set(key, f);
  }
  // format() accepts a decimal string exactly (no float rounding) since Intl.NumberFormat v3.
  return f.format(toMajorString(minor, currency) as unknown as number).replace(/\u00a0/g, ' ');
}

/** ceil(total * percent / 100) in integers. */
export function percentOf(total: number, percent: number): number {
  return Number((BigInt(total) * BigInt(percent) + 99n) / 100n);
}
