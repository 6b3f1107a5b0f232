import type Sqlite from 'better-sqlite3';

/** Rows per multi-row statement: far below SQLite's bound-variable limit for our widest rows. */
const BATCH = 100;

/**
 * Runs `head VALUES tuple, tuple, ... tail` for many rows, BATCH rows per statement: one
 * statement per row cost a quarter more on the sweep's hundreds of thousands of inserts
 * (bench/README.md). `tuple` is one row's VALUES group, e.g. "(?, 'storage_fee', ?)", and
 * each row gives its parameters in order. With a RETURNING tail, the returned rows come back.
 */
export function insertMany<R = unknown>(raw: Sqlite.Database, head: string, tuple: string, rows: readonly unknown[][], tail = ''): R[] {
  const returning = /\bRETURNING\b/i.test(tail);
  const out: R[] = [];
  const statement = (n: number) => raw.prepare(`${head} VALUES ${Array.from({ length: n }, () => tuple).join(', ')} ${tail}`);
  const full = rows.length >= BATCH ? statement(BATCH) : undefined;
  for (let i = 0; i < rows.length; i += BATCH) {
    const end = Math.min(i + BATCH, rows.length);
    const params: unknown[] = [];
    for (let r = i; r < end; r++) params.push(...rows[r]!);
    const st = end - i === BATCH ? full! : statement(end - i);
    if (returning) out.push(...(st.all(params) as R[]));
    else st.run(params);
  }
  return out;
}
