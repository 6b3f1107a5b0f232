import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertMany } from '../../src/db/bulk.ts';
import { openSqlite, type SqliteEngine } from '../../src/db/sqlite.ts';

const opened: { engine: SqliteEngine; dir: string }[] = [];

function table(): SqliteEngine {
  const dir = mkdtempSync(join(tmpdir(), 'orders-bulk-'));
  const engine = openSqlite(join(dir, 'o.db'), false);
  engine.raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL UNIQUE, n INTEGER NOT NULL, kind TEXT NOT NULL)');
  opened.push({ engine, dir });
  return engine;
}

afterEach(async () => {
  for (const { engine, dir } of opened.splice(0)) {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('insertMany', () => {
  it('writes every row across full batches and the remainder, in order, with constant columns', async () => {
    const e = table();
    const rows = Array.from({ length: 250 }, (_, i) => [`k${i}`, i]);
    await insertMany(e.db, 'INSERT INTO t (k, n, kind)', "(?, ?, 'fee')", rows);
    const got = e.raw.prepare('SELECT k, n, kind FROM t ORDER BY id').all() as { k: string; n: number; kind: string }[];
    expect(got).toHaveLength(250);
    expect(got.map((r) => r.n)).toEqual(rows.map((r) => r[1]));
    expect(new Set(got.map((r) => r.kind))).toEqual(new Set(['fee']));
  });

  it('returns only the rows a conflict clause let in, including repeats within one statement', async () => {
    const e = table();
    await insertMany(e.db, 'INSERT INTO t (k, n, kind)', "(?, ?, 'x')", [['a', 1], ['c', 3]]);
    const rows = [['a', 10], ['b', 2], ['b', 20], ...Array.from({ length: 150 }, (_, i) => [`m${i}`, i]), ['c', 30]];
    const added = await insertMany<{ k: string }>(e.db, 'INSERT INTO t (k, n, kind)', "(?, ?, 'x')", rows, 'ON CONFLICT (k) DO NOTHING RETURNING k');
    expect(added.map((r) => r.k)).toEqual(['b', ...Array.from({ length: 150 }, (_, i) => `m${i}`)]);
    expect(e.raw.prepare("SELECT n FROM t WHERE k IN ('a', 'b', 'c') ORDER BY k").pluck().all()).toEqual([1, 2, 3]);
  });

  it('does nothing for no rows', async () => {
    const e = table();
    expect(await insertMany(e.db, 'INSERT INTO t (k, n, kind)', "(?, ?, 'x')", [], 'RETURNING k')).toEqual([]);
    expect(e.raw.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });
});
