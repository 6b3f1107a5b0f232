import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Shop } from './harness.ts';

/**
 * The sweep reads and acts on the due orders a page (1,000) at a time and spools its details
 * (SPEC 12): 2,500 ready orders past their pickup (half past their cancellation deadline but held,
 * as no overdue notice reached them, SPEC 11; all due for an overdue notice) span three pages, and the output must be
 * the one document a single pass printed, in order, with nothing lost at a page's edge.
 */
const N = 2_500;
let shop: Shop;

beforeAll(() => {
  shop = new Shop().init();
  const rows = Array.from({ length: N }, (_, i) => `Pelanggan ${i},+62813${String(10_000_000 + i)},Kaos:1:85000,${i % 2 ? '2026-11-21,ready,2026-11-10,2026-11-20' : '2026-11-18,ready,2026-11-10,2026-11-17'},42500`);
  const file = join(shop.dir, 'due.csv');
  writeFileSync(file, `customer_name,phone,items,pickup_date,status,confirmed_on,ready_on,paid\r\n${rows.join('\r\n')}\r\n`);
  shop.ok(['import', file]);
});
afterAll(() => shop.cleanup());

describe('a sweep over several pages of due orders', () => {
  it('prints every order once, in order, in JSON and in text, and does what its dry run said', () => {
    const dry = shop.run(['sweep', '--json', '--dry-run'], { now: '2026-11-25' });
    const text = shop.run(['sweep', '--dry-run'], { now: '2026-11-25' });
    const real = shop.run(['sweep', '--json'], { now: '2026-11-25' });
    expect([dry.code, real.code, real.stderr]).toEqual([0, 0, '']);
    const d = dry.json();
    const r = real.json();
    expect({ ...r, dry_run: true }).toEqual(d);
    const ids = r.details.map((x: { order_id: number }) => x.order_id);
    expect(new Set(ids).size).toBe(N);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => a - b));
    expect([r.cancelled.length, r.held.length, r.overdue_notices_queued]).toEqual([0, N / 2, N]);
    const lines = text.stdout.split('\n').filter((l) => /^ {2}order #\d+: /.test(l));
    expect(lines).toEqual([
      ...r.details.map((x: { order_id: number; action: string; why: string }) => `  order #${x.order_id}: ${x.action}: ${x.why}`),
      ...r.held.map((x: { order_id: number; why: string }) => `  order #${x.order_id}: held: ${x.why}`),
    ]);
    expect(shop.query("SELECT count(DISTINCT order_id) AS n FROM outbox WHERE template = 'pickup-overdue'")).toEqual([{ n: N }]);
    expect(shop.ok(['verify'])).toMatch(/intact/);
  });
});
