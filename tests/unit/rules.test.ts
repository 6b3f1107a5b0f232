import { describe, expect, it } from 'vitest';
import { parseItem, itemsTotal } from '../../src/core/items.ts';
import { balance, EMPTY_TOTALS, forfeitOnCancel, paid } from '../../src/core/ledger.ts';
import { nextStatus, refusal } from '../../src/core/lifecycle.ts';
import { currencyOf } from '../../src/core/money.ts';
import { normalisePhone } from '../../src/core/phone.ts';
import { normaliseSetting, withDefaults } from '../../src/core/settings.ts';
import { freezeTerms, needsWrittenConfirmation, parseDepositPercent, requiredDeposit } from '../../src/core/terms.ts';

const IDR = currencyOf('IDR');
const ctx = { currency: IDR, locale: 'id' };
const fmt = (m: number) => `Rp ${m}`;

describe('phone numbers', () => {
  it('treats local and international forms as one customer', () => {
    expect(normalisePhone('0812-3456-7890', '62')).toBe('+6281234567890');
    expect(normalisePhone('+62 812 3456 7890', '62')).toBe('+6281234567890');
    expect(normalisePhone('(212) 555-0100', '1')).toBe('+12125550100');
  });
  it.each(['12', 'abc', '0812', ''])('refuses %s', (bad) => {
    expect(() => normalisePhone(bad, '62')).toThrow(/Invalid phone number/);
  });
});

describe('state machine', () => {
  it('allows the forward path and cancellation of open orders', () => {
    expect(refusal('pending', 'confirm')).toBeNull();
    expect(refusal('confirmed', 'ready')).toBeNull();
    expect(refusal('ready', 'pickup')).toBeNull();
    for (const s of ['pending', 'confirmed', 'ready'] as const) expect(refusal(s, 'cancel')).toBeNull();
    expect(nextStatus('pickup')).toBe('completed');
  });
  it('refuses skips and anything on a final order, with the reason', () => {
    expect(refusal('pending', 'ready')).toMatch(/confirm it first/);
    expect(refusal('confirmed', 'pickup')).toMatch(/mark it ready first/);
    expect(refusal('completed', 'cancel')).toMatch(/already completed/);
    expect(refusal('cancelled', 'pay')).toMatch(/cancelled/);
    expect(refusal('ready', 'confirm')).toMatch(/already ready/);
  });
});

describe('deposits and terms', () => {
  it('reads percents', () => {
    expect(parseDepositPercent('50%')).toBe(50);
    expect(parseDepositPercent('500000')).toBeNull();
    expect(() => parseDepositPercent('150%')).toThrow(/0 to 100/);
    expect(() => parseDepositPercent('x%')).toThrow(/Invalid deposit/);
  });
  it('computes the DP and enforces the minimum', () => {
    expect(requiredDeposit(1000000, { percent: 50 }, 30, fmt)).toEqual({ amount: 500000, percent: 50 });
    expect(requiredDeposit(1000000, { amount: 400000 }, 30, fmt)).toEqual({ amount: 400000, percent: 40 });
    expect(() => requiredDeposit(1000000, { percent: 20 }, 30, fmt)).toThrow(/below the shop's minimum of 30%/);
    expect(() => requiredDeposit(1000000, { amount: 200000 }, 30, fmt)).toThrow(/below/);
    expect(() => requiredDeposit(1000000, { amount: 2000000 }, 30, fmt)).toThrow(/more than the order total/);
  });
  it('freezes an amount at the whole percent it covers, rounded down, never more than was agreed', () => {
    expect(requiredDeposit(300000, { amount: 100000 }, 30, fmt)).toEqual({ amount: 100000, percent: 33 });
    expect(requiredDeposit(300000, { amount: 119999 }, 30, fmt)).toEqual({ amount: 119999, percent: 39 });
  });
  it('freezes the policy values with the day', () => {
    const s = withDefaults({ 'storage.fee_per_day': '10000', 'pickup.grace_days': '3' });
    expect(freezeTerms(s, 50, '2026-11-25')).toMatchObject({ grace_days: 3, storage_fee_per_day: 10000, cancel_after_days: 7, agreed_on: '2026-11-25' });
    expect(freezeTerms(s, 50, '2026-11-25', true)).toMatchObject({ grace_days: 3, storage_fee_per_day: 0 });
  });
  it('asks written confirmation for custom or large orders', () => {
    const s = withDefaults({ 'confirm.required_total': '5000000' });
    expect(needsWrittenConfirmation(true, 1, 1, s)).toBe(true);
    expect(needsWrittenConfirmation(false, 1, 49, s)).toBe(false);
    expect(needsWrittenConfirmation(false, 1, 50, s)).toBe(true);
    expect(needsWrittenConfirmation(false, 5000000, 1, s)).toBe(true);
    expect(needsWrittenConfirmation(false, 5000000, 1, withDefaults({}))).toBe(false);
  });
});

describe('ledger balances', () => {
  const t = { ...EMPTY_TOTALS, payments: 700000, refunds: 100000, storage_fees: 20000 };
  it('derives paid and balance', () => {
    expect(paid(t)).toBe(600000);
    expect(balance(1000000, t, false)).toBe(420000);
  });
  it('a cancelled order owes only the forfeit; the rest is owed back', () => {
    expect(balance(1000000, { ...t, forfeited: 500000 }, true)).toBe(-100000);
    expect(forfeitOnCancel(600000, 500000)).toBe(500000);
    expect(forfeitOnCancel(200000, 500000)).toBe(200000);
  });
  it('a compensation refund leaves the balance as it was; a waiver lowers it', () => {
    const before = { ...EMPTY_TOTALS, payments: 500000, delivery_fees: 25000 };
    const after = { ...before, refunds: 100000, compensation: 100000, waived: 25000 };
    expect(balance(1000000, before, false)).toBe(525000);
    expect(balance(1000000, after, false)).toBe(500000);
    expect(balance(1000000, { ...EMPTY_TOTALS, payments: 500000, refunds: 550000, compensation: 50000 }, true)).toBe(0);
  });
});

describe('items', () => {
  it('keeps colons in the description', () => {
    expect(parseItem('Banner 2:1 ratio:3:150.000', IDR, 'id')).toEqual({ description: 'Banner 2:1 ratio', quantity: 3, unit_price: 150000 });
    expect(itemsTotal([{ description: 'a', quantity: 3, unit_price: 150000 }, { description: 'b', quantity: 1, unit_price: 5 }])).toBe(450005);
  });
  it.each(['Kaos:24', 'Kaos:24:', ':1:100', 'Kaos:0:100', 'Kaos:x:100', 'Kaos:1:abc'])('refuses %s', (bad) => {
    expect(() => parseItem(bad, IDR, 'id')).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});

describe('settings validation', () => {
  it('normalises valid values', () => {
    expect(normaliseSetting('storage.fee_per_day', '10.000', ctx)).toBe('10000');
    expect(normaliseSetting('reminder.days_before', '1, 2,2', ctx)).toBe('2,1');
    expect(normaliseSetting('blacklist.auto', 'ON', ctx)).toBe('on');
    expect(normaliseSetting('timezone', 'Asia/Jakarta', ctx)).toBe('Asia/Jakarta');
  });
  it.each([
    ['deposit.min_percent', '101'], ['deposit.min_percent', '-1'], ['pickup.grace_days', '1.5'], ['storage.fee_per_day', '-100'],
    ['reminder.days_before', '2;1'], ['blacklist.policy', 'ban'], ['timezone', 'Mars/Base'], ['nope.key', '1'], ['deposit.escalation', '30,150'],
  ])('refuses %s = %s', (key, value) => {
    expect(() => normaliseSetting(key, value, ctx)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});

describe('tables on a narrow terminal', async () => {
  const { fitWidths, renderTable } = await import('../../src/output/table.ts');
  it('narrows the widest columns to fit, and leaves a fitting table alone', () => {
    expect(fitWidths([10, 40, 12], 80)).toBeNull();
    expect(fitWidths([10, 40, 12], 50)).toEqual([10, 28, 12]);
    expect(fitWidths([10, 10], 5)).toEqual([8, 8]);
  });
  it('wraps long text instead of running past the edge', () => {
    const out = renderTable(['id', 'note'], [['1', 'Mohon maaf, pesanan ini diambil oleh adik saya hari Sabtu sore setelah jam kerja']], { tty: true, width: 40 });
    expect(Math.max(...out.trimEnd().split('\n').map((l) => l.length))).toBeLessThanOrEqual(40);
    expect(out).toContain('Sabtu');
  });
});

describe('the CSV writer', async () => {
  const { csvRecord, toCsv } = await import('../../src/output/csv.ts');
  it('writes what csv-stringify writes, RFC 4180 with CRLF', () => {
    const cells = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', '', null, 12.5, -3, true, false, 'ünï 😀'];
    expect(csvRecord(cells)).toBe(toCsv(['h'], [cells], true).split('\r\n').slice(1).join('\r\n'));
  });
  it('neutralises formula cells like the neutralising writer, and never numbers', () => {
    const cells = ['=1+2', '+62812', '-x', '@SUM(A1)', '\tTab', '\rCR', "'quoted", '=a,"b"', -3, 0, 'safe'];
    expect(csvRecord(cells, true)).toBe(toCsv(['h'], [cells]).split('\r\n').slice(1).join('\r\n'));
    expect(csvRecord(cells, true)).toBe(`'=1+2,'+62812,'-x,'@SUM(A1),'\tTab,"'\rCR",'quoted,"'=a,""b""",-3,0,safe\r\n`);
  });
});
