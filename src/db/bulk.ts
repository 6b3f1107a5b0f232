import type Sqlite from 'better-sqlite3';

/** Rows per multi-row statement: far below SQLite's bound-variable limit for our widest rows. */
const BATCH = 100;

/**
 * Runs `head VALUES tuple, tuple, ... tail` for many rows, BATCH rows per statement: one
 * statement per row cost a quarter more on the sweep's hundreds of thousands of inserts
 * (bench/README.md). `tuple` is one row's VALUES group, e.g. "(?, 'storage_fee', ?)", and
 * each row gives its parameters in order; rows are read one batch at a time, so a generator
 * keeps memory flat. With a RETURNING tail, the returned rows come back.
 */
export function insertMany<R = unknown>(raw: Sqlite.Database, head: string, tuple: string, rows: Iterable<readonly unknown[]>, tail = ''): R[] {
  const returning = /\bRETURNING\b/i.test(tail);
  const statements = new Map<number, Sqlite.Statement>();
  const out: R[] = [];
  let params: unknown[] = [];
  let n = 0;
  const flush = () => {
    let st = statements.get(n);
    if (!st) {
      st = raw.prepare(`${head} VALUES ${Array.from({ length: n }, () => tuple).join(', ')} ${tail}`);
      statements.set(n, st);
    }
    if (returning) out.push(...(st.all(params) as R[]));
    else st.run(params);
    params = [];
    n = 0;
  };
  for (const row of rows) {
    params.push(...row);
    if (++n === BATCH) flush();
  }
  if (n > 0) flush();
  return out;
}
