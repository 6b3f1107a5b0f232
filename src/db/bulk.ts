import { CompiledQuery } from 'kysely';
import { isPostgres, numbered, prepared } from './engine.js';
import { rawHandle } from './open.js';
import type { DB } from './types.js';

/** Rows per multi-row statement on SQLite: far below its bound-variable limit (32,766) for our widest rows. */
const SQLITE_BATCH = 100;
/** PostgreSQL binds at most 65,535 parameters a statement; a batch is sized from the row's width. */
const PG_PARAMS = 65_535;
const PG_BATCH = 1000;

/** Rows per statement for a VALUES group of `width` parameters on an engine. */
export function batchSize(postgres: boolean, width: number): number {
  if (!postgres) return SQLITE_BATCH;
  return Math.max(1, Math.min(PG_BATCH, Math.floor(PG_PARAMS / Math.max(1, width))));
}

/**
 * Runs `head VALUES tuple, tuple, ... tail` for many rows, a batch of rows per statement: one
 * statement per row cost a quarter more on the sweep's hundreds of thousands of inserts
 * (bench/README.md). `tuple` is one row's VALUES group with `?` placeholders, e.g.
 * "(?, 'storage_fee', ?)", and each row gives its parameters in order; rows are read one batch
 * at a time, so a generator keeps memory flat. With a RETURNING tail, the returned rows come back.
 */
export async function insertMany<R = unknown>(db: DB, head: string, tuple: string, rows: Iterable<readonly unknown[]>, tail = ''): Promise<R[]> {
  const pg = isPostgres(db);
  const width = (tuple.match(/\?/g) ?? []).length;
  const batch = batchSize(pg, width);
  const returning = /\bRETURNING\b/i.test(tail);
  const texts = new Map<number, string>();
  const text = (n: number) => {
    let t = texts.get(n);
    if (t === undefined) {
      t = `${head} VALUES ${Array.from({ length: n }, () => tuple).join(', ')} ${tail}`;
      texts.set(n, (t = pg ? numbered(t) : t));
    }
    return t;
  };
  const out: R[] = [];
  let params: unknown[] = [];
  let n = 0;
  const flush = async () => {
    if (pg) {
      const r = await db.executeQuery<R>(CompiledQuery.raw(text(n), params));
      if (returning) out.push(...r.rows);
    } else {
      const st = prepared(rawHandle(db), text(n));
      if (returning) out.push(...(st.all(params) as R[]));
      else st.run(params);
    }
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
