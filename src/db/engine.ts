import { CompiledQuery, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
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
 * Rides along with every handle made from the engine's Kysely instance (transactions and
 * reserved connections included), so engineOf finds it without a registry. It changes nothing.
 */
export class EngineTag implements KyselyPlugin {
  constructor(readonly engine: Engine) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export function engineOf(db: DB): Engine {
  for (const p of db.getExecutor().plugins) if (p instanceof EngineTag) return p.engine;
  throw new Error('this database handle was not opened by openStore');
}

/** Runs SQL text written with `?` placeholders, renumbered for the engine. */
export async function execute<R = unknown>(db: DB, text: string, params: readonly unknown[]): Promise<R[]> {
  const engine = engineOf(db);
  let n = 0;
  const sql = engine.kind === 'sqlite' ? text : text.replace(/\?/g, () => engine.placeholder(++n));
  return (await db.executeQuery<R>(CompiledQuery.raw(sql, [...params]))).rows;
}
