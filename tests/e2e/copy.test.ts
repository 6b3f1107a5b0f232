import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKaos, newPgDatabase, ON_POSTGRES, psql, Shop } from './harness.ts';

const BIN = resolve(import.meta.dirname, '../../bin/orders');
const NOW = '2026-12-12';

/** `orders --db DB --now NOW ARGS`: the harness's run, against any store. */
function orders(db: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--db', db, '--now', NOW, ...args], {
    env: { PATH: process.env.PATH, HOME: shop.dir, TZ: 'UTC' }, encoding: 'utf8', timeout: 20_000, maxBuffer: 16 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function ok(db: string, args: string[]): string {
  const r = orders(db, args);
  if (r.code !== 0) throw new Error(`orders --db ${db} ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Every row of every table of an SQLite store, in key order, and the file's bytes. */
function sqliteDump(path: string): string {
  const d = new Sqlite(path, { readonly: true });
  try {
    const tables = d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    return tables.map((t) => `${t.name} ${JSON.stringify(d.prepare(`SELECT * FROM "${t.name}" ORDER BY 1`).all())}`).join('\n');
  } finally {
    d.close();
  }
}

const fileBytes = (path: string) => [path, `${path}-wal`].map((f) => (existsSync(f) ? createHash('sha256').update(readFileSync(f)).digest('hex') : '-')).join(' ');
const pgDump = (name: string) => psql(`SELECT format('SELECT %L, coalesce(json_agg(x ORDER BY x::text), ''[]'') FROM %I x', table_name, table_name)
  FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name \\gexec`, name);

/** What each side must print the same: the chain's head, every order, the CSV and the log. */
function outputs(db: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const args of [['verify'], ['list', '--json', '--status', 'pending,confirmed,ready,completed,cancelled,void'], ['export', 'orders'],
    ['export', 'payments'], ['export', 'messages', '--format', 'ndjson'], ...[1, 2, 3, 4].map((id) => ['show', String(id), '--json'])]) {
    out[args.join(' ')] = ok(db, args);
  }
  return out;
}

const head = (db: string) => /^Head: (\d+:[0-9a-f]{64})$/m.exec(ok(db, ['verify']))![1]!;

let shop: Shop;
let source: Record<string, string>;
/** a PostgreSQL database for the round trip, on the test server (npm test starts one: .ci/with-postgres) */
let pg: { name: string; url: string };

/** A shop with each kind of row: payments, a reprinted receipt, a resolved complaint, a blacklist, sweeps and their notices. */
beforeAll(() => {
  shop = new Shop().init();
  const at = (now: string, ...args: string[]) => shop.ok(args, { now });
  shop.ok(['config', 'set', 'storage.fee_per_day', '10.000']);
  addKaos(shop);
  shop.okJson(['add', '--customer', 'Siti "Ibu" Rahma', '--phone', '0813-1111-2222', '--item', 'Spanduk, 3x1m:1:150.000', '--pickup', '2026-11-28', '--custom']);
  shop.okJson(['add', '--customer', 'Dewi', '--phone', '0815-5555-6666', '--item', 'Kue:1:300.000', '--pickup', '2026-11-26', '--perishable']);
  shop.okJson(['add', '--customer', 'Eko', '--phone', '0816-7777-8888', '--item', 'Topi:2:50.000', '--pickup', '2026-12-03', '--deliver', '--address', 'Jl. Mawar 1']);
  at('2026-11-25', 'pay', '1', '85.000'); at('2026-11-25', 'confirm', '1', '--via', 'whatsapp');
  at('2026-11-25', 'pay', '2', '75.000'); at('2026-11-25', 'confirm', '2', '--via', 'email', '--note', 'Ya, setuju');
  at('2026-11-25', 'pay', '3', '150.000'); at('2026-11-25', 'confirm', '3', '--via', 'visit');
  at('2026-11-26', 'ready', '3'); at('2026-11-26', 'pickup', '3', '--pay');
  at('2026-11-26', 'receipt', '3'); at('2026-11-27', 'receipt', '3', '--width', '32');
  at('2026-11-28', 'ready', '2'); at('2026-11-30', 'ready', '1');
  at('2026-11-28', 'contact', '2', '--in', '--via', 'phone', '--complaint', 'Warna tidak sesuai');
  const complaint = /complaint (\d+)/.exec(at('2026-11-28', 'complaints'))![1]!;
  at('2026-11-29', 'complaints', 'resolve', complaint, '--note', 'Dicetak ulang');
  at('2026-11-29', 'blacklist', 'add', '0816-7777-8888', '--reason', 'tidak ambil', '--yes');
  for (const day of ['2026-12-01', '2026-12-02', '2026-12-05', '2026-12-10', '2026-12-10']) { at(day, 'sweep'); at(day, 'remind'); }
  source = outputs(shop.db);
  pg = newPgDatabase();
});
afterAll(() => {
  psql(`DROP DATABASE IF EXISTS ${pg.name} WITH (FORCE)`);
  shop.cleanup();
});

describe('orders copy (SPEC 13)', () => {
  it('copies the whole shop: the same head, orders, CSV and log on the other side, ids as they were', () => {
    const file = join(shop.dir, 'copy.db');
    const r = JSON.parse(ok(shop.db, ['copy', '--to', file, '--json']));
    expect(r.copied).toMatchObject({ orders: 4, customers: 4, receipts: 2, complaint_resolutions: 1, blacklist: 1 });
    expect(r.copied.sweep_runs).toBeGreaterThan(0);
    expect(r.to).toBe(file);
    expect(`${r.evidence_head.count}:${r.evidence_head.hash}`).toBe(head(shop.db));
    expect(outputs(file)).toEqual(source);
    if (!ON_POSTGRES) expect(sqliteDump(file)).toBe(sqliteDump(shop.db));
    // The copy is a shop of its own: the next order takes the next id on each side alike.
    const next = ['add', '--customer', 'Rina', '--phone', '0817-0000-1111', '--item', 'Tas:1:100.000', '--pickup', '2026-12-20', '--json'];
    expect(JSON.parse(ok(file, next)).id).toBe(5);
  });

  it('SQLite -> PostgreSQL -> SQLite gives the same outputs and, back on SQLite, the same rows', () => {
    const first = join(shop.dir, 'first.db');
    const back = join(shop.dir, 'back.db');
    const { copied } = JSON.parse(ok(shop.db, ['copy', '--to', first, '--json']));
    // A password in the URL is never printed.
    const text = ok(first, ['copy', '--to', pg!.url.replace('@', ':not-printed@')]);
    expect(text).toBe(`Copied 4 orders (4 customers, ${copied.ledger} ledger rows, ${copied.communications} messages, ${copied.evidence} evidence entries) `
      + `from ${first} to ${pg!.url}.\nHead: ${head(first)}\n`);
    expect(outputs(pg!.url)).toEqual(source);
    ok(pg!.url, ['copy', '--to', back]);
    expect(outputs(back)).toEqual(source);
    expect(sqliteDump(back)).toBe(sqliteDump(first));
  });

  it('refuses a target that already holds a shop, leaving it as it was', () => {
    const file = join(shop.dir, 'full.db');
    ok(shop.db, ['copy', '--to', file]);
    const before = fileBytes(file);
    const r = orders(shop.db, ['copy', '--to', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`orders: ${file} already holds orders data (4 orders, 4 customers); copy into a new file or an empty database, so that nothing there is overwritten or mixed.\n`);
    expect(fileBytes(file)).toBe(before);
    // A store with nothing but a setting of its own is not empty either.
    const configured = join(shop.dir, 'configured.db');
    ok(configured, ['config', 'set', 'lang', 'en']);
    const dump = sqliteDump(configured);
    expect(orders(shop.db, ['copy', '--to', configured]).stderr).toMatch(/^orders: .*configured\.db already holds orders data \(1 setting\); [^\n]*\n$/);
    expect(sqliteDump(configured)).toBe(dump);
    // The PostgreSQL database holds the shop since the round trip above.
    const held = pgDump(pg.name);
    const again = orders(shop.db, ['copy', '--to', pg.url]);
    expect([again.code, again.stderr.split('\n').length]).toEqual([2, 2]);
    expect(again.stderr).toMatch(/already holds orders data \(4 orders, 4 customers\)/);
    expect(pgDump(pg.name)).toBe(held);
  });

  it('refuses to copy a shop onto itself, a missing target and a file that is not an orders database', () => {
    const before = shop.bytes();
    const self = orders(shop.db, ['copy', '--to', shop.db]);
    expect(self.code).toBe(2);
    expect(self.stderr).toBe(`orders: Cannot copy ${shop.db} onto itself; name another file or database with --to.\n`);
    const missing = orders(shop.db, ['copy']);
    expect([missing.code, missing.stderr]).toEqual([2, "orders: required option '--to <file|postgres://URL>' not specified\n"]);
    const other = join(shop.dir, 'other.db');
    new Sqlite(other).exec('CREATE TABLE t (x)').close();
    const notOurs = orders(shop.db, ['copy', '--to', other]);
    expect([notOurs.code, notOurs.stderr]).toEqual([2, `orders: ${other} is an SQLite file but not an orders database; it was left as it was.\n`]);
    expect(shop.bytes()).toBe(before);
  });

  it('writes nothing when the copy fails half-way: a new file is removed, an empty store stays as it was', () => {
    const broken = join(shop.dir, 'broken.db');
    ok(shop.db, ['copy', '--to', broken]);
    // A row whose order is gone (written with foreign keys off, as a careless sqlite3 shell would).
    const d = new Sqlite(broken);
    d.pragma('foreign_keys = OFF');
    d.prepare("INSERT INTO order_items (order_id, position, description, quantity, unit_price) VALUES (99, 1, 'x', 1, 1)").run();
    d.close();
    const fresh = join(shop.dir, 'fresh.db');
    const r = orders(broken, ['copy', '--to', fresh]);
    expect([r.code, r.stderr]).toEqual([1, `orders: ${broken} has rows whose references are broken (\`orders verify\` names them), so it cannot be copied; nothing was written to ${fresh}.\n`]);
    expect(existsSync(fresh)).toBe(false);
    const empty = join(shop.dir, 'empty.db');
    ok(empty, ['list']);
    const before = fileBytes(empty);
    expect(orders(broken, ['copy', '--to', empty]).code).toBe(1);
    expect(fileBytes(empty)).toBe(before);
  });
});
