import { CompiledQuery, sql } from 'kysely';
import type { Dialect, Fragments } from './dialect.js';
import type { DB } from './types.js';

/**
 * The shop's writer lock, held to the end of a writer's transaction: writers from every
 * counter take turns, as SQLite's BEGIN IMMEDIATE makes them, so a check and the write it
 * allows (a payment against the balance, the next evidence entry, tonight's sweep) never
 * interleave with another counter's. Row locks (FOR UPDATE) guard the same rows besides.
 */
const WRITER_LOCK = 0x6f726473; // 'ords'
/** PostgreSQL binds at most 65,535 parameters a statement; a batch is sized from the row's width. */
const MAX_PARAMS = 65_535;
const MAX_BATCH = 1000;
/** A streamed query that starts with this comment reads its rows as value arrays (see prefetching). */
const AS_ARRAYS = '/* arrays */ ';

/** Rows per statement for a VALUES group of `width` parameters. */
export function batchSize(width: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.floor(MAX_PARAMS / Math.max(1, width))));
}

/** `?` placeholders as `$1, $2, ...` (our statements never hold a literal `?`), kept for the next call with the same text. */
const numberedTexts = new Map<string, string>();
function numbered(text: string): string {
  let t = numberedTexts.get(text);
  if (t === undefined) {
    let i = 0;
    if (numberedTexts.size >= 256) numberedTexts.clear();
    numberedTexts.set(text, (t = text.replace(/\?/g, () => `$${++i}`)));
  }
  return t;
}

/** PostgreSQL's side of the seam (src/db/dialect.ts). */
export const postgresDialect: Dialect = {
  beginWrite: ['begin', `select pg_advisory_xact_lock(${WRITER_LOCK})`],
  beginRead: ['begin isolation level repeatable read read only'],
  rowLocks: true,
  async query<R>(db: DB, text: string, params: readonly unknown[]) {
    return (await db.executeQuery<R>(CompiledQuery.raw(numbered(text), [...params]))).rows;
  },
  async arrays(db: DB, text: string, params: readonly unknown[]) {
    return (await postgresDialect.query<Record<string, unknown>>(db, text, params)).map((r) => Object.values(r));
  },
  async *pages(db: DB, q: CompiledQuery, pageSize: number) {
    for await (const chunk of db.getExecutor().stream(CompiledQuery.raw(AS_ARRAYS + q.sql, [...q.parameters]), pageSize)) {
      yield chunk.rows as unknown as unknown[][];
    }
  },
  batchSize,
  // PostgreSQL checks its pages and references itself, as it writes them.
  integrity: () => ({ integrity: ['ok'], foreignKeys: 0 }),
  sql: {
    least: (a, b) => sql`LEAST(${a}, ${b})`,
    daysBetween: (from, to) => sql`(CAST(${to} AS date) - CAST(${from} AS date))`,
    week: (date) => sql<string>`(substr(${date}, 1, 4) || '-W' || lpad(CAST((CAST(EXTRACT(DOY FROM CAST(${date} AS date)) AS integer) + 7 - CAST(EXTRACT(ISODOW FROM CAST(${date} AS date)) AS integer)) / 7 AS text), 2, '0'))`,
    like: sql.raw('ILIKE'),
    // Written out rather than json_agg, whose output is spaced differently from SQLite's;
    // to_json escapes a string as JSON.stringify does.
    itemsJson: (exponent) => {
      const price = exponent === 0 ? sql`i.unit_price::text` : sql`trim_scale(i.unit_price / ${sql.lit(10 ** exponent)}::numeric)::text`;
      return sql<string>`(SELECT '[' || COALESCE(string_agg('{"description":' || to_json(i.description)::text || ',"quantity":' || i.quantity::text || ',"unit_price":' || ${price} || '}', ',' ORDER BY i.position), '') || ']'
        FROM order_items i WHERE i.order_id = o.id)`;
    },
    jsonArray: (values) => sql<string | null>`json_build_array(${sql.join(values)})::text`,
  } satisfies Fragments,
};

/**
 * pg-cursor, reading ahead: when a page arrives the next is asked for at once, so the server
 * finds it while the program writes this one out (an export read 1,000 rows, wrote them, then
 * asked again, and the two never overlapped). A query marked AS_ARRAYS gets its rows as value
 * arrays, which the export and copy want, instead of an object per row.
 */
export function prefetching(Cursor: typeof import('pg-cursor')) {
  return class Prefetching<T> extends Cursor<T> {
    #ahead: Promise<T[]> | undefined;
    constructor(text: string, values: unknown[]) {
      super(text, values, text.startsWith(AS_ARRAYS) ? { rowMode: 'array' } : {});
    }
    override read(n: number): Promise<T[]>;
    override read(n: number, cb: import('pg-cursor').ResultCallback<T>): undefined;
    override read(n: number, cb?: import('pg-cursor').ResultCallback<T>): Promise<T[]> | undefined;
    override read(n: number, cb?: import('pg-cursor').ResultCallback<T>): Promise<T[]> | undefined {
      if (cb) return super.read(n, cb);
      const page = this.#ahead ?? super.read(n);
      // Asked for once this page is answered (pg-cursor serves a read made while it is busy only
      // before its first page), and not after a short page, which is the last.
      this.#ahead = page.then((rows) => (rows.length === n ? super.read(n) : []));
      this.#ahead.catch(() => {});
      return page;
    }
    /**
     * After a failed page pg-cursor has already sent its Sync; when the page failed ahead of the
     * reader, the server's answer came and went unheard, and pg-cursor's close would wait for it
     * for ever. The connection serves the next query only after that answer anyway.
     */
    override close(): Promise<void>;
    override close(cb: (err: Error) => void): undefined;
    override close(cb?: (err: Error) => void): Promise<void> | undefined;
    override close(cb?: (err: Error) => void): Promise<void> | undefined {
      const self = this as unknown as { state: string };
      if (self.state === 'error') self.state = 'done';
      return cb ? super.close(cb) : super.close();
    }
  };
}
