import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Shop } from './harness.ts';

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
});
afterEach(() => shop.cleanup());

const HEAD = 'external_ref,customer_name,phone,items,pickup_date,deposit_required,paid,status,cancelled_by';

/** Imports the lines as a file; returns the result and checks that a refused import changed nothing. */
function importLines(lines: (string | Buffer)[]): { code: number; stdout: string; errors: string[] } {
  const file = join(shop.dir, 'in.csv');
  writeFileSync(file, Buffer.concat(lines.map((l) => Buffer.concat([typeof l === 'string' ? Buffer.from(l) : l, Buffer.from('\n')]))));
  const before = shop.dump();
  const r = shop.run(['import', file]);
  if (r.code !== 0) expect(shop.dump()).toBe(before);
  return { code: r.code, stdout: r.stdout, errors: r.stderr.split('\n').filter(Boolean).slice(0, -1) };
}

describe('import obeys the rules of add (SPEC 6)', () => {
  it("reads amounts as an id shop writes them, multiplying in integers", () => {
    const r = importLines([HEAD, 'A1,Budi,0812-3456-7890,"Kaos:3:85.000\nTopi:1:40.000",2026-12-01,88.500,90.000,pending,']);
    expect([r.code, r.stdout]).toEqual([0, 'Imported 1 order.\n']);
    expect(shop.okJson(['show', '1'])).toMatchObject({ total: 295000, deposit_required: 88500, paid: 90000, balance: 205000 });
  });

  it('names a DP below the minimum, an overpaid open order, and a conflicting external_ref with both lines', () => {
    const r = importLines([
      HEAD,
      'A1,Budi,0812-3456-7890,Kaos:2:85.000,2026-12-01,10.000,,pending,',
      'A2,Sari,0813-1111-2222,Kaos:2:85.000,2026-12-01,,200.000,confirmed,',
      'A3,Dewi,0813-3333-4444,Kaos:2:85.000,2026-12-01,,,pending,',
      'A3,Dewi,0813-3333-4444,Kaos:5:85.000,2026-12-01,,,pending,',
      'A4,Eka,0813-5555-6666,Kaos:2:85.000,2026-12-01,,200.000,cancelled,customer',
    ]);
    expect(r.code).toBe(2);
    expect(r.errors).toEqual([
      "orders: line 2, column deposit_required: 10.000 is below the shop's minimum DP of 30% (51000, deposit.min_percent).",
      'orders: line 3, column paid: is 30000 more than the order owes; an open order cannot be overpaid.',
      'orders: line 5, column external_ref: "A3" is also on line 4 with other details (customer, items, total or pickup date).',
    ]);
  });

  it('takes a repeated identical row once', () => {
    const row = 'A3,Dewi,0813-3333-4444,Kaos:2:85.000,2026-12-01,,,pending,';
    expect(importLines([HEAD, row, row]).stdout).toBe('Imported 1 order (1 already present, skipped).\n');
  });

  it('refuses NUL and invalid UTF-8, naming the line', () => {
    let r = importLines([HEAD, 'A1,Budi,0812-3456-7890,Kaos:2:85.000,2026-12-01,,,pending,', 'A2,Bu\0di,0812-3456-7891,Kaos:2:85.000,2026-12-01,,,pending,']);
    expect([r.code, r.errors]).toEqual([2, ['orders: line 3, column customer_name: contains a NUL character, which no order text may hold.']]);
    r = importLines([HEAD, 'A1,Budi,0812-3456-7890,Kaos:2:85.000,2026-12-01,,,pending,', Buffer.from([0x41, 0x32, 0x2c, 0x42, 0xff, 0x64, 0x69])]);
    expect([r.code, r.errors]).toEqual([2, ['orders: line 3: the input is not valid UTF-8 text; save the file as UTF-8.']]);
  });

  it('keeps the name on file for a known phone', () => {
    shop.ok(['add', '--customer', 'Budi Santoso', '--phone', '0812-3456-7890', '--item', 'Kaos:1:85.000', '--pickup', '2026-12-01']);
    importLines([HEAD, 'A1,Budi S,0812-3456-7890,Kaos:2:85.000,2026-12-01,,,pending,']);
    expect(shop.okJson(['show', '2']).customer.name).toBe('Budi Santoso');
  });
});
