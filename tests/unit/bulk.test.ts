import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertMany } from '../../src/db/bulk.ts';
import { dialectOf } from '../../src/db/dialect.ts';
import { batchSize } from '../../src/db/postgres-dialect.ts';
import { openDatabase } from '../../src/db/sqlite.ts';

/** An orders database with a scratch table t; kdb is the Kysely handle insertMany takes, db its raw SQLite. */
function table() {
  const { db: kdb, raw: db } = openDatabase(join(mkdtempSync(join(tmpdir(), 'orders-bulk-')), 'o.db'), false);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL UNIQUE, n INTEGER NOT NULL, kind TEXT NOT NULL)');
  return Object.assign(db, { kdb });
}

describe('insertMany', () => {
  it('writes every row across full batches and the remainder, in order, with constant columns', async () => {
    const db = table();
    const rows = Array.from({ length: 250 }, (_, i) => [`k${i}`, i]);
    await insertMany(db.kdb, 'INSERT INTO t (k, n, kind)', "(?, ?, 'fee')", rows);
    const got = db.prepare('SELECT k, n, kind FROM t ORDER BY id').all() as { k: string; n: number; kind: string }[];
    expect(got).toHaveLength(250);
    expect(got.map((r) => r.n)).toEqual(rows.map((r) => r[1]));
    expect(new Set(got.map((r) => r.kind))).toEqual(new Set(['fee']));
  });

  it('returns only the rows a conflict clause let in, including repeats within one statement', async () => {
    const db = table();
    await insertMany(db.kdb, 'INSERT INTO t (k, n, kind)', "(?, ?, 'x')", [['a', 1], ['c', 3]]);
    const rows = [['a', 10], ['b', 2], ['b', 20], ...Array.from({ length: 150 }, (_, i) => [`m${i}`, i]), ['c', 30]];
    const added = await insertMany<{ k: string }>(db.kdb, 'INSERT INTO t (k, n, kind)', "(?, ?, 'x')", rows, 'ON CONFLICT (k) DO NOTHING RETURNING k');
    expect(added.map((r) => r.k)).toEqual(['b', ...Array.from({ length: 150 }, (_, i) => `m${i}`)]);
    expect(db.prepare("SELECT n FROM t WHERE k IN ('a', 'b', 'c') ORDER BY k").pluck().all()).toEqual([1, 2, 3]);
  });

  it('does nothing for no rows', async () => {
    const db = table();
    expect(await insertMany(db.kdb, 'INSERT INTO t (k, n, kind)', "(?, ?, 'x')", [], 'RETURNING k')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });

  it('sizes PostgreSQL batches under its 65,535 bound parameters, SQLite batches at 100', () => {
    expect(dialectOf(table().kdb).batchSize(29)).toBe(100);
    expect(batchSize(5)).toBe(1000);
    expect(batchSize(100) * 100).toBeLessThanOrEqual(65_535);
    expect(batchSize(100)).toBe(655);
    expect(batchSize(70_000)).toBe(1);
  });
});
