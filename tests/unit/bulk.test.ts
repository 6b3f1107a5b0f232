import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { insertMany } from '../../src/db/bulk.ts';

function table() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL UNIQUE, n INTEGER NOT NULL, kind TEXT NOT NULL)');
  return db;
}

describe('insertMany', () => {
  it('writes every row across full batches and the remainder, in order, with constant columns', () => {
    const db = table();
    const rows = Array.from({ length: 250 }, (_, i) => [`k${i}`, i]);
    insertMany(db, 'INSERT INTO t (k, n, kind)', "(?, ?, 'fee')", rows);
    const got = db.prepare('SELECT k, n, kind FROM t ORDER BY id').all() as { k: string; n: number; kind: string }[];
    expect(got).toHaveLength(250);
    expect(got.map((r) => r.n)).toEqual(rows.map((r) => r[1]));
    expect(new Set(got.map((r) => r.kind))).toEqual(new Set(['fee']));
  });

  it('returns only the rows a conflict clause let in, including repeats within one statement', () => {
    const db = table();
    insertMany(db, 'INSERT INTO t (k, n, kind)', "(?, ?, 'x')", [['a', 1], ['c', 3]]);
    const rows = [['a', 10], ['b', 2], ['b', 20], ...Array.from({ length: 150 }, (_, i) => [`m${i}`, i]), ['c', 30]];
    const added = insertMany<{ k: string }>(db, 'INSERT INTO t (k, n, kind)', "(?, ?, 'x')", rows, 'ON CONFLICT (k) DO NOTHING RETURNING k');
    expect(added.map((r) => r.k)).toEqual(['b', ...Array.from({ length: 150 }, (_, i) => `m${i}`)]);
    expect(db.prepare("SELECT n FROM t WHERE k IN ('a', 'b', 'c') ORDER BY k").pluck().all()).toEqual([1, 2, 3]);
  });

  it('does nothing for no rows', () => {
    const db = table();
    expect(insertMany(db, 'INSERT INTO t (k, n, kind)', "(?, ?, 'x')", [], 'RETURNING k')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });
});
