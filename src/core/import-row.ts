import { isValidDate } from './dates.js';
import { UsageError } from './errors.js';
import { itemsTotal as sumItems, splitItem, type Item } from './items.js';
import { balance as balanceOf, EMPTY_TOTALS } from './ledger.js';
import { isStatus, type Status } from './lifecycle.js';
import { parseAmount, parseMajor, percentOf, toMajorString, type Currency } from './money.js';
import { normalisePhone } from './phone.js';
import { oneLine } from './text.js';
import type { Terms } from './terms.js';

/** One order as read from an imported CSV row, checked with the same rules as `orders add`. */
export interface ImportedOrder {
  id: number | null;
  external_ref: string | null;
  status: Status;
  customer_name: string;
  phone: string;
  created_at: string;
  pickup_date: string;
  items: Item[];
  total: number;
  deposit_required: number;
  deposit_percent: number;
  money: { payments: number; refunded: number; forfeited: number; storage_fees: number; delivery_fees: number; compensation: number; waived: number };
  last_fee_date: string | null;
  custom: boolean;
  needs_confirmation: boolean;
  note: string | null;
  confirmed_on: string | null;
  ready_on: string | null;
  completed_on: string | null;
  cancelled_on: string | null;
  cancelled_by: 'customer' | 'shop' | 'policy' | null;
  cancel_reason: string | null;
  hold_until: string | null;
  fulfilment: 'pickup' | 'delivery';
  delivery_eta: string | null;
  delivery_after_hours: boolean;
  terms: Terms;
}

export const REQUIRED_COLUMNS = ['customer_name', 'phone', 'items', 'pickup_date'] as const;

export interface RowContext {
  currency: Currency;
  /** the shop's locale: how it writes amounts */
  locale: string;
  /** deposit.min_percent: a row's DP may not be below it, as with `orders add` */
  minDepositPercent: number;
  countryCode: string;
  nowIso: string;
  defaults: Terms;
  /** phone as written -> E.164, so a customer's hundredth row is not parsed a hundredth time */
  phones?: Map<string, string>;
}

export interface RowError {
  column: string;
  reason: string;
}

/**
 * A copy of a cell that no longer points into the input it was cut from. V8 keeps a slice of
 * a string as a view of the whole, so one remembered cell kept a whole 64 KB chunk of the file
 * alive: a 1M-row import held most of its 305 MB input in memory.
 */
export function detached(cell: string): string {
  return (` ${cell}`).slice(1);
}

/** Undoes the export's formula neutralising: a leading ' before =, +, -, @, tab or CR. */
export function unneutralise(cell: string): string {
  return cell.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An amount as the shop writes it (85.000 in an `id` shop) or as export writes it (85000,
 * 12.5): the shop's way first. They never disagree on what export writes, which has no
 * grouping and no trailing zeros after the point.
 */
export function importAmount(text: string, cur: Currency, locale: string, what: string): number {
  try {
    return parseAmount(text, cur, locale, what);
  } catch (err) {
    try {
      return parseMajor(text, cur, what);
    } catch {
      throw err;
    }
  }
}

function parseItems(text: string, cur: Currency, amount: (v: string, what: string) => number): Item[] {
  const t = text.trim();
  let items: Item[];
  if (t.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(t);
    } catch {
      throw new UsageError('not valid JSON; use [{"description":...,"quantity":...,"unit_price":...}] or one DESCRIPTION:QUANTITY:UNIT_PRICE per line');
    }
    if (!Array.isArray(data) || data.length === 0) throw new UsageError('needs at least one item');
    items = data.map((d: any, i: number) => {
      if (typeof d?.description !== 'string' || !d.description.trim()) throw new UsageError(`item ${i + 1} has no description`);
      if (!Number.isSafeInteger(d.quantity) || d.quantity < 1) throw new UsageError(`item ${i + 1} has quantity ${JSON.stringify(d.quantity)}; use a whole number of 1 or more`);
      return { description: d.description, quantity: d.quantity, unit_price: amount(String(d.unit_price), `unit price of item ${i + 1}`) };
    });
  } else {
    items = t.split(/\r?\n/).filter((l) => l.trim()).map((line) => {
      const s = splitItem(line, (problem, qty) => ({
        shape: `"${line}" is not DESCRIPTION:QUANTITY:UNIT_PRICE`,
        description: `"${line}" has an empty description`,
        quantity: `quantity "${qty}" in "${line}" is not a whole number of 1 or more`,
        price: `"${line}" has no unit price`,
      })[problem]);
      return { description: s.description, quantity: s.quantity, unit_price: amount(s.price, `unit price in "${line}"`) };
    });
    if (!items.length) throw new UsageError('needs at least one item');
  }
  return items;
}

/** Validates one record (a column's cell, or undefined where the file has no such column); returns the order, or every problem found in it. */
export function parseOrderRow(rec: (column: string) => string | undefined, ctx: RowContext): { order: ImportedOrder } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const cell = (c: string) => unneutralise(rec(c) ?? '').trim();
  const text = (c: string) => { const v = unneutralise(rec(c) ?? ''); return v.trim() === '' ? null : v; };
  const field = <T>(column: string, parse: (v: string) => T, fallback: T): T => {
    const v = cell(column);
    if (v === '') return fallback;
    try {
      return parse(v);
    } catch (err) {
      errors.push({ column, reason: (err as Error).message.replace(/\.$/, '') });
      return fallback;
    }
  };
  const required = <T>(column: string, parse: (v: string) => T, fallback: T): T => {
    if (cell(column) === '') {
      errors.push({ column, reason: 'is empty' });
      return fallback;
    }
    return field(column, parse, fallback);
  };
  const date = (v: string) => { if (!isValidDate(v)) throw new UsageError(`"${v}" is not a date YYYY-MM-DD`); return v; };
  const money = (column: string) => field(column, (v) => amount(v, column), 0);
  const bool = (v: string) => { if (!/^(true|false|1|0|yes|no)$/i.test(v)) throw new UsageError(`"${v}" is not true or false`); return /^(true|1|yes)$/i.test(v); };
  const int = (max: number) => (v: string) => { if (!/^\d{1,9}$/.test(v) || Number(v) > max) throw new UsageError(`"${v}" is not a whole number from 0 to ${max}`); return Number(v); };
  const oneOf = <T extends string>(choices: readonly T[]) => (v: string) => { if (!choices.includes(v as T)) throw new UsageError(`"${v}" is not one of ${choices.join(', ')}`); return v as T; };

  const id = field('id', (v) => { if (!/^\d{1,12}$/.test(v) || Number(v) === 0) throw new UsageError(`"${v}" is not an order number`); return Number(v); }, null);
  const status = field('status', (v) => { if (!isStatus(v)) throw new UsageError(`"${v}" is not pending, confirmed, ready, completed, cancelled or void`); return v; }, 'pending' as Status);
  const customer_name = required('customer_name', (v) => oneLine(v, 'name'), '');
  const phone = required('phone', (v) => {
    const known = ctx.phones?.get(v);
    if (known) return known;
    const e164 = normalisePhone(v, ctx.countryCode);
    ctx.phones?.set(detached(v), e164);
    return e164;
  }, '');
  const created_at = field('created_at', (v) => { if (!ISO_TIME.test(v)) throw new UsageError(`"${v}" is not an ISO date-time with offset`); return v; }, ctx.nowIso);
  const pickup_date = required('pickup_date', date, '');
  const amount = (v: string, what: string) => importAmount(v, ctx.currency, ctx.locale, what);
  const items = required('items', (v) => parseItems(v, ctx.currency, amount), [] as Item[]);
  const itemsTotal = field('items', () => sumItems(items), 0);
  const total = field('total', (v) => {
    const t = amount(v, 'total');
    if (items.length && t !== itemsTotal) throw new UsageError(`${v} does not match the items (${toMajorString(itemsTotal, ctx.currency)})`);
    return t;
  }, itemsTotal);
  const percentGiven = field('deposit_percent', int(100), null as number | null);
  const deposit_required = field('deposit_required', (v) => {
    const d = amount(v, 'deposit_required');
    if (d > total) throw new UsageError(`${v} is more than the total`);
    const minimum = percentOf(total, ctx.minDepositPercent);
    if (d < minimum) throw new UsageError(`${v} is below the shop's minimum DP of ${ctx.minDepositPercent}% (${toMajorString(minimum, ctx.currency)}, deposit.min_percent)`);
    return d;
  }, percentOf(total, percentGiven ?? ctx.defaults.deposit_percent));
  if (percentGiven !== null && percentGiven < ctx.minDepositPercent && cell('deposit_required') === '') {
    errors.push({ column: 'deposit_percent', reason: `${percentGiven} is below the shop's minimum DP of ${ctx.minDepositPercent}% (deposit.min_percent)` });
  }
  const deposit_percent = percentGiven ?? (total ? Number((BigInt(deposit_required) * 100n) / BigInt(total)) : 100);
  const paid = money('paid');
  const m = {
    refunded: money('refunded'), forfeited: money('forfeited'), storage_fees: money('storage_fees'),
    delivery_fees: money('delivery_fees'), compensation: money('compensation'), waived: money('waived'),
  };
  const last_fee_date = field('last_fee_date', date, null as string | null);
  if (m.storage_fees > 0 && !last_fee_date) errors.push({ column: 'last_fee_date', reason: 'is needed when storage_fees is not zero' });
  const cancelled_by = field('cancelled_by', oneOf(['customer', 'shop', 'policy'] as const), null);
  if (status === 'cancelled' && !cancelled_by) errors.push({ column: 'cancelled_by', reason: 'is needed for a cancelled order (customer, shop or policy)' });
  if (status !== 'cancelled' && cancelled_by) errors.push({ column: 'cancelled_by', reason: `is set but the status is ${status}` });
  const terms: Terms = {
    deposit_percent,
    grace_days: field('terms_grace_days', int(9999), ctx.defaults.grace_days),
    storage_fee_per_day: field('terms_storage_fee_per_day', (v) => amount(v, 'terms_storage_fee_per_day'), ctx.defaults.storage_fee_per_day),
    cancel_after_days: field('terms_cancel_after_days', int(9999), ctx.defaults.cancel_after_days),
    delivery_base_fee: field('terms_delivery_base_fee', (v) => amount(v, 'terms_delivery_base_fee'), ctx.defaults.delivery_base_fee),
    delivery_packaging_fee: field('terms_delivery_packaging_fee', (v) => amount(v, 'terms_delivery_packaging_fee'), ctx.defaults.delivery_packaging_fee),
    delivery_after_hours_fee: field('terms_delivery_after_hours_fee', (v) => amount(v, 'terms_delivery_after_hours_fee'), ctx.defaults.delivery_after_hours_fee),
    agreed_on: field('terms_agreed_on', date, created_at.slice(0, 10)),
  };
  const moneyTotals = { ...m, payments: paid + m.refunded };
  const computed = balanceOf(total, {
    ...EMPTY_TOTALS, payments: moneyTotals.payments, refunds: m.refunded, forfeited: m.forfeited, storage_fees: m.storage_fees,
    delivery_fees: m.delivery_fees, compensation: m.compensation, waived: m.waived,
  }, status === 'cancelled');
  // As `pay` refuses a payment beyond what is owed, an open order cannot have been overpaid.
  if (computed < 0 && (status === 'pending' || status === 'confirmed' || status === 'ready')) {
    errors.push({ column: 'paid', reason: `is ${toMajorString(-computed, ctx.currency)} more than the order owes; an open order cannot be overpaid` });
  }
  field('balance', (v) => {
    const b = v.startsWith('-') ? -amount(v.slice(1), 'balance') : amount(v, 'balance');
    if (b !== computed) throw new UsageError(`${v} does not match the money columns (${toMajorString(computed, ctx.currency)})`);
    return b;
  }, 0);
  const order: ImportedOrder = {
    id, external_ref: text('external_ref'), status, customer_name, phone, created_at, pickup_date, items, total,
    deposit_required, deposit_percent, money: moneyTotals, last_fee_date,
    custom: field('custom', bool, false), needs_confirmation: field('needs_confirmation', bool, false),
    note: text('note'), confirmed_on: field('confirmed_on', date, null), ready_on: field('ready_on', date, null),
    completed_on: field('completed_on', date, null), cancelled_on: field('cancelled_on', date, null), cancelled_by,
    cancel_reason: text('cancel_reason'), hold_until: field('hold_until', date, null),
    fulfilment: field('fulfilment', oneOf(['pickup', 'delivery'] as const), 'pickup'), delivery_eta: field('delivery_eta', date, null),
    delivery_after_hours: field('delivery_after_hours', bool, false), terms,
  };
  return errors.length ? { errors } : { order };
}

/** What two rows with the same external_ref must agree on to be the same order. */
export function orderDetails(o: ImportedOrder): string {
  return JSON.stringify([o.phone, o.customer_name, o.pickup_date, o.total, o.items]);
}
