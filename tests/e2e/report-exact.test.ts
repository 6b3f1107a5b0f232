import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Shop } from './harness.ts';

/**
 * Report sums past 2^53 (SPEC 12): nineteen orders at the largest total, each with a DP of
 * 499,999,999,999,999 paid, collect 9,499,999,999,999,981 — odd, so a JS number cannot hold it.
 */
const N = 19;
const DP = 499_999_999_999_999n;
const SUM = (DP * BigInt(N)).toString();
let shop: Shop;

beforeAll(() => {
  shop = new Shop().init();
  for (let i = 1; i <= N; i++) {
    const phone = `0812111100${String(i).padStart(2, '0')}`;
    const id = shop.okJson(['add', '--customer', `Pelanggan ${i}`, '--phone', phone, '--item', 'Mesin:1:999999999999999', '--pickup', '2026-12-20'], { now: '2026-12-01' }).id;
    shop.ok(['pay', String(id), DP.toString()], { now: '2026-12-01' });
  }
});
afterAll(() => shop.cleanup());

describe('report sums past 2^53', () => {
  it('are exact numbers in JSON, total and by period', () => {
    expect(BigInt(SUM) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const out = shop.ok(['report', '--json', '--by', 'month'], { now: '2026-12-01' });
    // Twice: the total, and the one period added up into it.
    expect(out.match(new RegExp(`"deposits_collected": ${SUM},\\n`, 'g'))).toHaveLength(2);
  });

  it('are exact in CSV', () => {
    const out = shop.ok(['report', '--format', 'csv'], { now: '2026-12-01' });
    expect(out.split('\r\n')[1]).toBe(`2026-12-01..2026-12-01,${N},0,0,0,0,0,0,${SUM},0,0,0,0,0,0`);
  });

  it('are exact in the text report', () => {
    const out = shop.ok(['report'], { now: '2026-12-01' });
    expect(out).toContain('DP collected Rp 9.499.999.999.999.981,');
  });
});
