import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newPgDatabase, psql } from './harness.ts';

const BIN = resolve(import.meta.dirname, '../../bin/orders');

/**
 * A shop's fortnight in 40 commands (SPEC 13: every command prints the same bytes on both
 * engines): each step is [day, ...arguments], run once on an SQLite file and once on PostgreSQL.
 */
const STORY: [string, ...string[]][] = [
  ['2026-11-20', 'init', '--shop-name', 'Toko Maju', '--currency', 'IDR', '--locale', 'id', '--timezone', 'Asia/Jakarta', '--country-code', '62'],
  ['2026-11-20', 'config', 'set', 'storage.fee_per_day', '10.000'],
  ['2026-11-20', 'add', '--customer', 'Budi Santoso', '--phone', '0812-3456-7890', '--item', 'Kaos sablon:24:85.000', '--item', 'Stiker:100:1.500', '--pickup', '2026-11-27'],
  ['2026-11-20', 'add', '--customer', 'PT Sinar Jaya', '--phone', '0813-1111-2222', '--item', 'Spanduk 3x1m:2:150rb', '--pickup', 'sabtu', '--custom', '--json'],
  ['2026-11-20', 'add', '--customer', 'Ibu Sari', '--phone', '0815-5555-6666', '--item', 'Tumpeng:1:750.000', '--pickup', '2026-11-23', '--perishable', '--salutation', 'bu'],
  ['2026-11-20', 'add', '--customer', 'Eko', '--phone', '0816-7777-8888', '--item', 'Topi:3:50.000', '--pickup', '2026-11-24', '--lang', 'en'],
  ['2026-11-20', 'pay', '1', '1.095.000', '--method', 'transfer'],
  ['2026-11-20', 'confirm', '1', '--via', 'whatsapp', '--note', 'Ya, 24 kaos hitam ukuran L, setuju'],
  ['2026-11-20', 'pay', '2', '150rb'],
  ['2026-11-20', 'confirm', '2', '--via', 'email', '--note', 'Setuju, warna biru'],
  ['2026-11-21', 'pay', '3', '375.000', '--method', 'cash'],
  ['2026-11-21', 'confirm', '3', '--via', 'visit'],
  ['2026-11-21', 'pay', '4', '75.000'],
  ['2026-11-21', 'confirm', '4', '--via', 'whatsapp'],
  ['2026-11-21', 'sweep'],
  ['2026-11-22', 'remind', '--lang', 'en'],
  ['2026-11-22', 'ready', '3'],
  ['2026-11-23', 'pickup', '3', '--pay', '--method', 'transfer'],
  ['2026-11-23', 'receipt', '3', '--width', '32'],
  ['2026-11-23', 'ready', '4'],
  ['2026-11-24', 'edit', '1', '--pickup', '2026-11-28', '--note', 'hitam semua'],
  ['2026-11-25', 'contact', '2', '--in', '--via', 'phone', '--complaint', 'Warna kurang terang'],
  ['2026-11-25', 'complaints'],
  ['2026-11-26', 'ready', '1'],
  ['2026-11-26', 'deliver', '2', '--offer', '--fee', '15.000', '--eta', 'besok'],
  ['2026-11-27', 'sweep', '--json'],
  ['2026-11-27', 'remind'],
  ['2026-11-28', 'cancel', '4', '--by', 'customer', '--reason', 'acara batal', '--yes'],
  ['2026-11-29', 'today'],
  ['2026-11-30', 'sweep'],
  ['2026-11-30', 'remind'],
  ['2026-12-01', 'extend', '1', '--days', '2'],
  ['2026-12-02', 'sweep'],
  ['2026-12-02', 'list', '--format', 'csv', '--status', 'pending,confirmed,ready,completed,cancelled'],
  ['2026-12-03', 'show', '1', '--json'],
  ['2026-12-03', 'customers', '--json'],
  ['2026-12-03', 'report', '--from', '2026-11-01', '--to', '2026-12-31', '--by', 'week'],
  ['2026-12-03', 'export', 'orders'],
  ['2026-12-03', 'export', 'payments', '--format', 'ndjson'],
  ['2026-12-03', 'verify'],
];

const dir = mkdtempSync(join(tmpdir(), 'orders-story-'));
const pg = newPgDatabase();
afterAll(() => {
  psql(`DROP DATABASE IF EXISTS ${pg.name} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

/** Every step's exit code, stdout and stderr on one store; the store's own name (`Created ...`) reads <store>. */
function tell(db: string): string[] {
  return STORY.map(([day, ...args]) => {
    const r = spawnSync(process.execPath, [BIN, '--db', db, '--now', day, ...args], {
      env: { PATH: process.env.PATH, HOME: dir, TZ: 'UTC' }, encoding: 'utf8', timeout: 60_000,
    });
    return `$ orders ${args.join(' ')} (${day}) -> ${r.status}\n${r.stdout}${r.stderr}`.replaceAll(db, '<store>');
  });
}

describe('one shop story on both engines', () => {
  it(`prints the same bytes on SQLite and PostgreSQL, step by step (${STORY.length} steps)`, () => {
    expect(STORY).toHaveLength(40);
    const onSqlite = tell(join(dir, 'story.db'));
    const onPostgres = tell(pg.url);
    // The story itself works: every step succeeds and prints something.
    expect(onSqlite.filter((s) => !/ -> 0\n/.test(s.split('\n')[0]! + '\n'))).toEqual([]);
    expect(onSqlite.every((s) => s.split('\n').slice(1).join('').length > 0)).toBe(true);
    expect(onPostgres).toEqual(onSqlite);
  }, 300_000);
});
