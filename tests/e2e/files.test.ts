import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addKaos, Shop } from './harness.ts';

const BIN = resolve(import.meta.dirname, '../../bin/orders');
const root = process.getuid?.() === 0;

let shop: Shop;
beforeEach(() => {
  // Files that are not what they seem: an SQLite file's own troubles, on either project.
  shop = new Shop({ engine: 'sqlite' });
});
afterEach(() => {
  chmodSync(shop.dir, 0o755);
  shop.cleanup();
});

/** Runs orders through /bin/sh with a prefix (a lower file-size limit, another user). */
function sh(prefix: string, args: string[]) {
  const quoted = [BIN, '--db', shop.db, '--now', '2026-11-25', ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('/bin/sh', ['-c', `${prefix} '${process.execPath}' ${quoted}`], { encoding: 'utf8', env: { PATH: process.env.PATH, TZ: 'UTC' }, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('files that are not what they seem (SPEC 12)', () => {
  it("another program's SQLite file is refused and left byte-for-byte as it was", () => {
    const d = new Sqlite(shop.db);
    d.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (\'mine\')');
    d.close();
    const before = shop.bytes();
    for (const args of [['list'], ['add', '--customer', 'A', '--phone', '0812-3456-7890', '--item', 'K:1:1000', '--pickup', '2026-12-01'], ['verify']]) {
      const r = shop.run(args);
      expect([r.code, r.stderr]).toEqual([2, `orders: ${shop.db} is an SQLite file but not an orders database; it was left as it was.\n`]);
    }
    expect(shop.bytes()).toBe(before);
    expect(shop.bytes()).toMatch(/ none$/);
  });

  for (const v of [-1, -2147483648]) {
    it(`a schema version of ${v} is a clear refusal`, () => {
      const d = new Sqlite(shop.db);
      d.pragma(`user_version = ${v}`);
      d.close();
      const before = shop.bytes();
      const r = shop.run(['list']);
      expect([r.code, r.stderr]).toEqual([2, `orders: ${shop.db} has an unknown schema version (${v}); it is not an orders database this program can open.\n`]);
      expect(shop.bytes()).toBe(before);
    });
  }

  it('read commands work on a database in a read-only directory; a write is refused in one sentence', () => {
    shop.init();
    addKaos(shop);
    const as = root ? 'exec setpriv --reuid=65534 --regid=65534 --clear-groups' : 'exec';
    if (root) chownSync(shop.db, 65534, 65534);
    chmodSync(shop.dir, 0o555);
    const list = sh(as, ['list', '--json']);
    expect([list.code, list.stderr]).toEqual([0, '']);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
    expect(sh(as, ['show', '1']).code).toBe(0);
    const pay = sh(as, ['pay', '1', '1000']);
    expect([pay.code, pay.stderr]).toEqual([2, `orders: Cannot change ${shop.db}: the file or its directory is read-only; only commands that read work here.\n`]);
  });

  it('a write that fails on the disk is one sentence naming the file, and nothing is changed', () => {
    shop.init();
    const rows = ['customer_name,phone,items,pickup_date'];
    for (let i = 0; i < 3000; i++) rows.push(`Pelanggan ${i},+62812${10_000_000 + i},Kaos:2:50000,2026-12-01`);
    const file = join(shop.dir, 'big.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const before = shop.dump();
    // A file-size limit makes SQLite's writes fail as a full disk would (EFBIG instead of ENOSPC).
    const r = sh('trap "" XFSZ; ulimit -f 200; exec', ['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^orders: Cannot read or write ${shop.db}: the disk reported an I/O error \\(SQLITE_IOERR_WRITE\\); nothing was changed\\.\\n$`));
    expect(shop.dump()).toBe(before);
  });
});
