import { engineOf, execute } from './engine.js';
import type { DB } from './types.js';

/**
 * Runs `head VALUES tuple, tuple, ... tail` for many rows, as many rows per statement as the
 * engine's parameter limit allows for this tuple's width (and at most its maxRows): one
 * statement per row cost a quarter more on the sweep's hundreds of thousands of inserts
 * (bench/README.md). `tuple` is one row's VALUES group with `?` for each parameter, e.g.
 * "(?, 'storage_fee', ?)", and each row gives its parameters in order; rows are read one batch
 * at a time, so a generator keeps memory flat. With a RETURNING tail, the returned rows come back.
 */
export async function insertMany<R = unknown>(db: DB, head: string, tuple: string, rows: Iterable<readonly unknown[]>, tail = ''): Promise<R[]> {
  const engine = engineOf(db);
  const width = Math.max(1, (tuple.match(/\?/g) ?? []).length);
  const batch = Math.max(1, Math.min(engine.maxRows, Math.floor(engine.maxParams / width)));
  const out: R[] = [];
  let params: unknown[] = [];
  let n = 0;
  const flush = async () => {
    const got = await execute<R>(db, `${head} VALUES ${Array.from({ length: n }, () => tuple).join(', ')} ${tail}`, params);
    if (tail) out.push(...got);
    params = [];
    n = 0;
  };
  for (const row of rows) {
    params.push(...row);
    if (++n === batch) await flush();
  }
  if (n > 0) await flush();
  return out;
}
