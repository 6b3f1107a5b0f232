import { afterAll, describe, expect, it } from 'vitest';
import { Shop } from '../e2e/harness.js';

/**
 * One shop's three weeks, 40 commands, run on an SQLite file and on PostgreSQL: every command's
 * stdout, stderr and exit code must be the same bytes on both engines (the database's own
 * name aside). Covers money and dates in text, JSON and CSV, reports grouped every way, the
 * sweep's fees and no-shows, messages, refusals and the evidence log.
 */
const STORY: [string, string[]][] = [
  ['2026-11-20', ['init', '--shop-name', 'Toko Maju', '--currency', 'IDR', '--locale', 'id', '--timezone', 'Asia/Jakarta', '--country-code', '62']],
  ['2026-11-20', ['config', 'set', 'storage.fee_per_day', '10.000']],
  ['2026-11-20', ['config', 'set', 'delivery.base_fee', '20.000']],
  ['2026-11-20', ['add', '--customer', 'Budi Santoso', '--phone', '0812-3456-7890', '--item', 'Kaos sablon:24:85.000', '--item', 'Stiker:100:1.500', '--pickup', '2026-12-01']],
  ['2026-11-20', ['add', '--customer', 'Siti Rahma', '--phone', '+62 813 1111 2222', '--item', 'Spanduk 3x1:2:150.000', '--pickup', '2026-11-24', '--json']],
  ['2026-11-20', ['add', '--customer', 'Andi', '--phone', '0814-5555-6666', '--item', 'Undangan custom:200:4.500', '--pickup', '2026-11-27', '--custom']],
  ['2026-11-20', ['add', '--customer', 'Rina "Ibu" Kartika', '--phone', '0815 7777 8888', '--item', 'Mug:=6:35.000', '--pickup', '2026-11-25']],
  ['2026-11-20', ['pay', '1', '1.095.000', '--method', 'transfer']],
  ['2026-11-20', ['pay', '2', '300.000']],
  ['2026-11-20', ['pay', '3', '450.000', '--method', 'transfer']],
  ['2026-11-20', ['pay', '4', '9.000.000']],
  ['2026-11-21', ['confirm', '1', '--via', 'whatsapp', '--note', 'Ya, 24 kaos hitam ukuran L, setuju']],
  ['2026-11-21', ['confirm', '2', '--via', 'whatsapp']],
  ['2026-11-21', ['confirm', '3', '--via', 'whatsapp']],
  ['2026-11-21', ['confirm', '3', '--via', 'email', '--note', 'Setuju desain versi 2']],
  ['2026-11-22', ['ready', '2']],
  ['2026-11-22', ['contact', '2', '--in', '--via', 'whatsapp', 'Saya ambil hari Senin ya']],
  ['2026-11-23', ['sweep', '--json']],
  ['2026-11-23', ['remind', '--json']],
  ['2026-11-24', ['today', '--json']],
  ['2026-11-26', ['ready', '3']],
  ['2026-11-26', ['extend', '3', '--days', '3']],
  ['2026-11-27', ['sweep']],
  ['2026-11-28', ['deliver', '2', '--offer', '--after-hours', '--eta', '2026-11-29']],
  ['2026-11-29', ['deliver', '2', '--done', '--pay']],
  ['2026-11-30', ['compensate', '2', '--reason', 'dikirim terlambat 1 hari', '--refund', '25.000']],
  ['2026-12-01', ['ready', '1']],
  ['2026-12-02', ['cancel', '4', '--by', 'customer', '--reason', 'acara batal', '--yes']],
  ['2026-12-06', ['sweep', '--json']],
  ['2026-12-12', ['sweep']],
  ['2026-12-12', ['remind']],
  ['2026-12-12', ['list', '--json']],
  ['2026-12-12', ['list', '--format', 'csv']],
  ['2026-12-12', ['show', '3']],
  ['2026-12-12', ['customers', '--sort', 'name']],
  ['2026-12-12', ['report', '--by', 'week', '--from', '2026-11-01', '--json']],
  ['2026-12-12', ['report', '--by', 'customer', '--from', '2026-11-01', '--format', 'csv']],
  ['2026-12-12', ['export', 'orders', '--format', 'csv']],
  ['2026-12-12', ['export', 'messages', '--format', 'ndjson']],
  ['2026-12-12', ['verify', '--json']],
];

describe('the same shop on SQLite and PostgreSQL', () => {
  const sqlite = new Shop({ engine: 'sqlite' });
  const postgres = new Shop({ engine: 'postgres' });
  afterAll(() => {
    sqlite.cleanup();
    postgres.cleanup();
  });

  it('prints the same bytes at each of 40 steps', () => {
    expect(STORY).toHaveLength(40);
    const seen = (shop: Shop, now: string, args: string[]) => {
      const r = shop.run(args, { now });
      const anon = (t: string) => t.split(shop.db).join('DATABASE');
      return `$ orders ${args.join(' ')}\nexit ${r.code}\n--- stdout\n${anon(r.stdout)}--- stderr\n${anon(r.stderr)}`;
    };
    let steps = 0;
    for (const [now, args] of STORY) {
      const a = seen(sqlite, now, args);
      const b = seen(postgres, now, args);
      expect(b).toBe(a);
      steps++;
    }
    expect(steps).toBe(40);
    // The story did something on the way: money moved, the sweep acted, messages were logged.
    expect(sqlite.query("SELECT count(*) AS n FROM ledger WHERE kind = 'storage_fee'")[0].n).toBeGreaterThan(0);
    expect(postgres.query('SELECT count(*) AS n FROM communications')[0].n).toBe(sqlite.query('SELECT count(*) AS n FROM communications')[0].n);
  }, 600_000);
});
