import type { CompiledQuery, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RawBuilder, RootOperationNode, UnknownRow } from 'kysely';
import { RefusedError } from '../core/errors.js';
import type { DB } from './types.js';

/**
 * The seam between the engines (SPEC 13): what src/db asks of SQLite or PostgreSQL beyond
 * Kysely. One object per engine (src/db/sqlite-dialect.ts, src/db/postgres-dialect.ts; each
 * engine is opened by src/db/sqlite.ts or src/db/postgres.ts), chosen once when the
 * store is opened and carried by its Kysely instance; everything else in src/db is Kysely, or
 * statements written once with `?` placeholders, and does not know which engine it talks to.
 */
export interface Dialect {
  /** Opens a writer's transaction with the shop's write lock taken up front. */
  readonly beginWrite: readonly string[];
  /** Opens a reader's transaction: every statement inside sees one snapshot. */
  readonly beginRead: readonly string[];
  /** Whether a change must lock its rows (several writers per row); SQLite's writer locks the whole file. */
  readonly rowLocks: boolean;
  /** One statement with `?` placeholders in the caller's transaction; its rows (none without RETURNING). */
  query<R>(db: DB, text: string, params: readonly unknown[]): Promise<R[]>;
  /** The same, its rows as value arrays in select order. */
  arrays(db: DB, text: string, params: readonly unknown[]): Promise<unknown[][]>;
  /** A built query's rows as value arrays in select order, a page at a time, with flat memory. */
  pages(db: DB, query: CompiledQuery, pageSize: number): AsyncGenerator<unknown[][]>;
  /** Rows per multi-row VALUES statement of `width` parameters a row, under the engine's limit. */
  batchSize(width: number): number;
  /**
   * A consistent copy of the store as an SQLite file, made by the engine itself (SQLite's online
   * backup), returning its page count; absent where a shop is copied row by row instead.
   */
  fileBackup?(db: DB, target: string): Promise<number>;
  /** The store's own check of its pages and references ('ok' when sound), and foreign-key violations. */
  integrity(db: DB): { integrity: string[]; foreignKeys: number };
  /** The SQL that differs between the engines. */
  readonly sql: Fragments;
}

type Sql = RawBuilder<unknown>;

export interface Fragments {
  /** the smaller of two values */
  least(a: Sql, b: Sql): Sql;
  /** whole days from one 'YYYY-MM-DD' to another */
  daysBetween(from: Sql, to: Sql): Sql;
  /** SQLite's strftime('%Y-W%W'): the year and its Monday-based week, 00 to 53 */
  week(date: Sql): RawBuilder<string>;
  /** LIKE without regard to ASCII case, as SQLite's LIKE is */
  readonly like: Sql;
  /**
   * An order's items (alias o) as JSON text in the bytes JSON.stringify writes: description,
   * quantity and unit_price in the major unit (minor units over 10^exponent, no trailing zeros).
   */
  itemsJson(exponent: number): RawBuilder<string>;
  /** A JSON array of the given values, as text. */
  jsonArray(values: Sql[]): RawBuilder<string | null>;
}

/**
 * Carries the dialect with the Kysely instance: a plugin that changes nothing, so every
 * connection and transaction made from the instance has it, and nothing keeps a registry.
 */
export class DialectCarrier implements KyselyPlugin {
  constructor(readonly dialect: Dialect) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export function dialectOf(db: DB): Dialect {
  const carrier = db.getExecutor().plugins.find((p): p is DialectCarrier => p instanceof DialectCarrier);
  if (!carrier) throw new Error('this handle was not opened by openStore');
  return carrier.dialect;
}

/** Runs one statement with `?` placeholders inside the caller's transaction and returns its rows. */
export function query<R = Record<string, unknown>>(db: DB, text: string, params: readonly unknown[] = []): Promise<R[]> {
  return dialectOf(db).query<R>(db, text, params);
}

/** The SQL fragments of the handle's engine. */
export function fragments(db: DB): Fragments {
  return dialectOf(db).sql;
}

/**
 * A statement the store refused in the middle of a command (a table changed behind the
 * program's back, a constraint), as one sentence naming the store. Every command's changes are
 * one transaction, rolled back when a statement fails.
 */
export function refusedByStore(where: string, err: unknown): RefusedError {
  const reason = ((err as Error).message ?? String(err)).replace(/\s+/g, ' ').trim();
  return new RefusedError(`The database ${where} refused this command (${reason}); what it had not finished was not saved. \`orders verify\` checks it.`);
}
