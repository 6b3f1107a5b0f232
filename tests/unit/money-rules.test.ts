import { describe, expect, it } from 'vitest';
import { importAmount, parseOrderRow, type RowContext } from '../../src/core/import-row.ts';
import { itemsTotal, parseItem } from '../../src/core/items.ts';
import { balance, compensationPlan, EMPTY_TOTALS, type Totals } from '../../src/core/ledger.ts';
import { isFinal, refusal } from '../../src/core/lifecycle.ts';
import { currencyOf } from '../../src/core/money.ts';
import { freezeTerms } from '../../src/core/terms.ts';
import { withDefaults } from '../../src/core/settings.ts';

const IDR = currencyOf('IDR');
const totals = (t: Partial<Totals>): Totals => ({ ...EMPTY_TOTALS, ...t });

describe('void and edit in the state machine', () => {
  it('voids only open orders, and void is final', () => {
    for (const s of ['pending', 'confirmed', 'ready'] as const) expect(refusal(s, 'void')).toBeNull();
    expect(refusal('completed', 'void')).toMatch(/already completed/);
    expect(refusal('cancelled', 'void')).toMatch(/cancelled/);
    expect(refusal('void', 'void')).toMatch(/voided/);
    expect(isFinal('void')).toBe(true);
    expect(refusal('void', 'pay')).toMatch(/voided/);
    expect(refusal('void', 'cancel')).toMatch(/voided/);
  });
  it('edits pending and confirmed orders only, saying why not', () => {
    expect(refusal('pending', 'edit')).toBeNull();
    expect(refusal('confirmed', 'edit')).toBeNull();
    expect(refusal('ready', 'edit')).toMatch(/ready for pickup, so its goods can no longer change/);
    expect(refusal('completed', 'edit')).toMatch(/completed/);
    expect(refusal('void', 'edit')).toMatch(/voided/);
  });
});

describe('compensation', () => {
  // Goods 250.000 and a delivery fee of 20.000, all paid.
  const paidUp = totals({ payments: 270000, delivery_fees: 20000 });
  it('pays back a waived fee that was already paid', () => {
    const before = balance(250000, paidUp, false);
    expect(before).toBe(0);
    const plan = compensationPlan(paidUp, before, 25000, true);
    expect(plan).toEqual({ refusal: null, waived: 20000, feeRefunded: 20000 });
    // The rows compensate writes: refund + compensation of 25.000, waiver and refund of the fee.
    const after = totals({ ...paidUp, refunds: 25000 + 20000, compensation: 25000, waived: 20000 });
    expect(balance(250000, after, false)).toBe(0);
  });
  it('only waives a fee that is still unpaid', () => {
    const t = totals({ payments: 125000, delivery_fees: 20000 });
    expect(compensationPlan(t, balance(250000, t, false), 0, true)).toEqual({ refusal: null, waived: 20000, feeRefunded: 0 });
  });
  it('pays back the part of the fee that was paid', () => {
    const t = totals({ payments: 260000, delivery_fees: 20000 });
    expect(compensationPlan(t, balance(250000, t, false), 0, true).feeRefunded).toBe(10000);
  });
  it('refuses a refund beyond what was paid, and a waiver with no fee', () => {
    expect(compensationPlan(totals({ payments: 1000 }), 0, 1001, false).refusal).toBe('refund-exceeds-paid');
    expect(compensationPlan(totals({ payments: 1000 }), 0, 0, true).refusal).toBe('no-fee');
    expect(compensationPlan(totals({ delivery_fees: 5, waived: 5 }), 0, 0, true).refusal).toBe('no-fee');
  });
});

describe('a refund settles what is owed back', () => {
  it('on a customer-cancelled overpaid order', () => {
    const cancelled = totals({ payments: 170000, forfeited: 85000 });
    expect(balance(170000, cancelled, true)).toBe(-85000);
    expect(balance(170000, { ...cancelled, refunds: 85000 }, true)).toBe(0);
  });
});

describe('items: one splitter, integer totals', () => {
  it('reads descriptions with colons and the shop\'s amounts', () => {
    expect(parseItem('Banner 2:1 ratio:3:85.000', IDR, 'id')).toEqual({ description: 'Banner 2:1 ratio', quantity: 3, unit_price: 85000 });
    expect(() => parseItem('Mug:0:1', IDR, 'id')).toThrow(/Invalid quantity "0"/);
  });
  it('multiplies in integers, and refuses a total past what a number holds exactly', () => {
    expect(itemsTotal([{ description: 'a', quantity: 3, unit_price: 1_234_567_891_011 }])).toBe(3_703_703_673_033);
    expect(() => itemsTotal([{ description: 'a', quantity: 9_999_999, unit_price: 9_007_199_254_740 }])).toThrow(/above the largest accepted, 999999999999999/);
  });
});

describe('import rows obey add', () => {
  const settings = withDefaults({});
  const rowCtx: RowContext = {
    currency: IDR, locale: 'id', minDepositPercent: 30, countryCode: '62', nowIso: '2026-11-25T10:00:00+07:00',
    defaults: freezeTerms(settings, 50, '2026-11-25'),
  };
  const row = (cells: Record<string, string>) => parseOrderRow((c) => cells[c], rowCtx);
  const base = { customer_name: 'Budi', phone: '0812-3456-7890', items: 'Kaos:2:85.000', pickup_date: '2026-12-01' };

  it('reads amounts the way the shop writes them, and the way export writes them', () => {
    expect(importAmount('85.000', IDR, 'id', 'total')).toBe(85000);
    expect(importAmount('85000', IDR, 'id', 'total')).toBe(85000);
    const r = row({ ...base, total: '170.000', paid: '85.000' });
    expect('order' in r && r.order.total).toBe(170000);
  });
  it('refuses a DP below the minimum and an overpaid open order', () => {
    const low = row({ ...base, deposit_required: '10.000' });
    expect('errors' in low && low.errors).toEqual([{ column: 'deposit_required', reason: "10.000 is below the shop's minimum DP of 30% (51000, deposit.min_percent)" }]);
    const over = row({ ...base, paid: '200.000' });
    expect('errors' in over && over.errors[0]).toEqual({ column: 'paid', reason: 'is 30000 more than the order owes; an open order cannot be overpaid' });
    const cancelled = row({ ...base, status: 'cancelled', cancelled_by: 'customer', paid: '200.000', forfeited: '85.000' });
    expect('order' in cancelled).toBe(true);
  });
});
