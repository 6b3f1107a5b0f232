import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Shop } from '../e2e/harness.js';

/** A few days of a shop: orders in every state, fees, messages, so every table has rows. */
function aShop(shop: Shop): Shop {
  shop.init();
  shop.ok(['config', 'set', 'storage.fee_per_day', '10.000']);
  for (let i = 0; i < 6; i++) {
    shop.ok(['add', '--customer', `Pelanggan ${i}`, '--phone', `0812-0000-00${10 + i}`, '--item', 'Kaos:2:85.000', '--pickup', '2026-11-27'], { now: '2026-11-20' });
    shop.ok(['pay', String(i + 1), '85.000'], { now: '2026-11-20' });
    if (i < 4) shop.ok(['confirm', String(i + 1), '--via', 'whatsapp'], { now: '2026-11-21' });
    if (i < 3) shop.ok(['ready', String(i + 1)], { now: '2026-11-26' });
  }
  shop.ok(['pickup', '1', '--pay'], { now: '2026-11-27' });
  shop.ok(['cancel', '5', '--by', 'shop', '--reason', 'stok habis', '--yes'], { now: '2026-11-22' });
  shop.ok(['contact', '2', '--in', '--via', 'whatsapp', 'Besok saya ambil'], { now: '2026-11-28' });
  for (const d of ['2026-11-29', '2026-11-30', '2026-12-05']) shop.ok(['sweep'], { now: d });
  shop.ok(['remind'], { now: '2026-12-05' });
  return shop;
}

const everything = (shop: Shop) => ['orders', 'customers', 'payments', 'messages']
  .map((k) => shop.ok(['export', k, '--format', 'csv'], { now: '2026-12-05' })).join('\n');

describe('orders copy --to', () => {
  const shops: Shop[] = [];
  afterAll(() => shops.forEach((s) => s.cleanup()));
  const shop = (engine: 'sqlite' | 'postgres') => {
    const s = new Shop({ engine });
    shops.push(s);
    return s;
  };

  it('copies a shop from SQLite to PostgreSQL and back: the same exports, the same evidence', () => {
    const source = aShop(shop('sqlite'));
    const pg = shop('postgres');
    const r = source.run(['copy', '--to', pg.db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Copied 6 orders \(\d+ rows in 13 tables\) from .*orders\.db to host 127\.0\.0\.1, port \d+, database orders_e2e_\w+\.\n$/);
    expect(everything(pg)).toBe(everything(source));
    const back = shop('sqlite');
    back.db = join(back.dir, 'back.db');
    expect(pg.run(['copy', '--to', back.db, '--json']).json().tables).toEqual(source.run(['copy', '--to', join(source.dir, 'again.db'), '--json']).json().tables);
    expect(everything(back)).toBe(everything(source));
    // verify prints the same evidence head on every side.
    const head = source.run(['verify', '--json']).json().head;
    expect(head).toMatch(/^[1-9]\d*:[0-9a-f]{64}$/);
    for (const s of [pg, back]) {
      const v = s.run(['verify', '--json']);
      expect(v.code, v.stderr).toBe(0);
      expect(v.json().head).toBe(head);
    }
    // The copy is a working shop: tomorrow's sweep does the same on both engines.
    expect(pg.ok(['sweep', '--json'], { now: '2026-12-06' })).toBe(back.ok(['sweep', '--json'], { now: '2026-12-06' }));
  }, 600_000);

  it('refuses a target that already holds a shop, and leaves both as they were', () => {
    const source = aShop(shop('sqlite'));
    const target = shop('postgres');
    target.init().ok(['add', '--customer', 'Sudah Ada', '--phone', '0813-1111-2222', '--item', 'Mug:1:35.000', '--pickup', '2026-12-01']);
    const [before, sourceBefore] = [target.dump(), source.dump()];
    const r = source.run(['copy', '--to', target.db]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^orders: Cannot copy into host 127\.0\.0\.1, port \d+, database orders_e2e_\w+: it already holds a shop's data; name a new or empty database\.\n$/);
    expect(target.dump()).toBe(before);
    expect(source.dump()).toBe(sourceBefore);
    const missing = source.run(['copy']);
    expect([missing.code, missing.stderr]).toEqual([2, "orders: required option '--to <target>' not specified\n"]);
  }, 600_000);

  it('names the server it cannot reach, never the password', () => {
    const s = shop('sqlite').init();
    const r = s.run(['copy', '--to', 'postgres://toko:s3cret@127.0.0.1:1/toko']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe('orders: Cannot open the PostgreSQL database at host 127.0.0.1, port 1, database toko: nothing is listening there (is the server running?).\n');
    const direct = s.run(['--db', 'postgres://toko:s3cret@127.0.0.1:1/toko', 'list']);
    expect([direct.code, direct.stderr]).toEqual([1, 'orders: Cannot open the PostgreSQL database at host 127.0.0.1, port 1, database toko: nothing is listening there (is the server running?).\n']);
  });
});
