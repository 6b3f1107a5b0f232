import { CompiledQuery, sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import type { DB } from './types.js';

/** A query Kysely can compile (a builder or a raw `sql` template). */
export interface Compilable {
  compile(): { sql: string; parameters: readonly unknown[] };
}

/** The few pieces of SQL text that differ between the engines; everything else is shared. */
export interface Fragments {
  /** whole days from the ISO date a to the ISO date b */
  daysBetween(a: string, b: string): string;
  /** SQLite's strftime('%Y-W%W', date): the year and the Monday-based week of the year (00-53) */
  yearWeek(date: string): string;
  /** an ordering key for text that ignores ASCII case, as SQLite's NOCASE does */
  nocase(column: string): string;
  /** the smaller of two values (SQLite's two-argument MIN) */
  least(a: string, b: string): string;
}

/**
 * One database engine behind the store (src/db/sqlite.ts, src/db/postgres.ts). Services never
 * see it: src/db reaches it from the Kysely handle it was given (engineOf), so a transaction's
 * handle carries its engine and nothing global maps handles to connections.
 */
export interface Engine {
  readonly kind: 'sqlite' | 'postgres';
  /** the pooled (or single) handle; src/db code receives either this or a transaction's */
  readonly db: DB;
  /** where the data lives, for messages: a file path, or host:port/database (never a password) */
  readonly location: string;
  /** true when this open created the database (or its schema, on PostgreSQL) */
  readonly created: boolean;
  /** the most bound parameters one statement may carry */
  readonly maxParams: number;
  /** rows per multi-row INSERT at most, whatever the column count */
  readonly maxRows: number;
  readonly sql: Fragments;
  /** the n-th (1-based) bound parameter's placeholder */
  placeholder(n: number): string;
  /** a writer's transaction; rolled back when fn throws or rollback(result) says so */
  write<T>(fn: (trx: DB) => Promise<T>, rollback?: (result: T) => boolean): Promise<T>;
  /** a read-only transaction on one snapshot */
  read<T>(fn: (trx: DB) => Promise<T>): Promise<T>;
  /** a query's rows as value arrays in select order, a batch at a time, in constant memory */
  stream(trx: DB, q: Compilable): AsyncIterable<unknown[][]>;
  /** held until the transaction ends: serialises appends to the evidence chain */
  lockChain(trx: DB): Promise<void>;
  /** the engine's own consistency check ('ok' when sound) and foreign-key violations */
  integrity(): Promise<{ integrity: string[]; foreignKeys: number }>;
  close(): Promise<void>;
}

/**
 * Rides along with every handle made from the engine's Kysely instance, so engineOf finds it
 * without a registry. A transaction's handle carries its own tag (bound); while a transaction
 * is open, a query on the outer handle is an error at once, where on SQLite it would wait
 * forever for the connection the transaction holds, and on PostgreSQL run outside it.
 */
export class EngineTag implements KyselyPlugin {
  /** transactions open on this engine in this process */
  open = 0;
  constructor(readonly engine: Engine, private readonly outer?: EngineTag) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (!this.outer && this.open > 0) throw new Error('a query on the outer database handle inside a transaction: use the transaction\'s handle');
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

function tagOf(db: DB): EngineTag {
  for (const p of db.getExecutor().plugins) if (p instanceof EngineTag) return p;
  throw new Error('this database handle was not opened by openStore');
}

export function engineOf(db: DB): Engine {
  return tagOf(db).engine;
}

/**
 * Runs fn between `begin` and commit (or rollback, when fn throws or rollback(result) says so)
 * on one reserved connection, handing fn a handle bound to it; the engines' write and read.
 */
export async function onConnection<T>(db: DB, begin: string, fn: (trx: DB) => Promise<T>, rollback?: (result: T) => boolean): Promise<T> {
  const tag = tagOf(db);
  return db.connection().execute(async (conn) => {
    const trx = conn.withoutPlugins().withPlugin(new EngineTag(tag.engine, tag));
    await sql.raw(begin).execute(trx);
    tag.open++;
    let result: T;
    try {
      result = await fn(trx);
    } catch (err) {
      tag.open--;
      await sql.raw('rollback').execute(trx);
      throw err;
    }
    tag.open--;
    await sql.raw(rollback?.(result) ? 'rollback' : 'commit').execute(trx);
    return result;
  });
}

/** Runs SQL text written with `?` placeholders, renumbered for the engine. */
export async function execute<R = unknown>(db: DB, text: string, params: readonly unknown[]): Promise<R[]> {
  const engine = engineOf(db);
  let n = 0;
  const sql = engine.kind === 'sqlite' ? text : text.replace(/\?/g, () => engine.placeholder(++n));
  return (await db.executeQuery<R>(CompiledQuery.raw(sql, [...params]))).rows;
}
