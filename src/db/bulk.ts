import { dialectOf } from './dialect.js';
import type { DB } from './types.js';

/**
 * Runs `head VALUES tuple, tuple, ... tail` for many rows, a batch of rows per statement: one
 * statement per row cost a quarter more on the sweep's hundreds of thousands of inserts
 * (bench/README.md). `tuple` is one row's VALUES group with `?` placeholders, e.g.
 * "(?, 'storage_fee', ?)", and each row gives its parameters in order; the batch is sized from
 * the tuple's width under the engine's parameter limit. Rows are read one batch at a time, so
 * a generator keeps memory flat. With a RETURNING tail, the returned rows come back.
 */
export async function insertMany<R = unknown>(db: DB, head: string, tuple: string, rows: Iterable<readonly unknown[]>, tail = ''): Promise<R[]> {
  const dialect = dialectOf(db);
  const batch = dialect.batchSize((tuple.match(/\?/g) ?? []).length);
  const texts = new Map<number, string>();
  const text = (n: number) => {
    let t = texts.get(n);
    if (t === undefined) texts.set(n, (t = `${head} VALUES ${Array.from({ length: n }, () => tuple).join(', ')} ${tail}`));
    return t;
  };
  const out: R[] = [];
  let params: unknown[] = [];
  let n = 0;
  const flush = async () => {
    const returned = await dialect.query<R>(db, text(n), params);
    for (const r of returned) out.push(r);
    params = [];
    n = 0;
  };
  for (const row of rows) {
    for (const v of row) params.push(v);
    if (++n === batch) await flush();
  }
  if (n > 0) await flush();
  return out;
}
