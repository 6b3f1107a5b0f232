import { sql } from 'kysely';
import { isPostgres } from './engine.js';
import { forgetTouched, sealTouched } from './evidence.js';
import type { DB } from './types.js';

/**
 * Runs fn between `begin` and the statement `end` names (by whether fn failed) on one of
 * Kysely's connections (SQLite's only one). Inside fn use only the given trx; on SQLite a query
 * on the outer db would wait forever (services get a context bound to trx: inWrite, inRead).
 */
async function onConnection<T>(db: DB, begin: readonly string[], fn: (trx: DB) => Promise<T>, end: (failed: boolean) => 'commit' | 'rollback'): Promise<T> {
  return db.connection().execute(async (conn) => {
    for (const statement of begin) await sql.raw(statement).execute(conn);
    let result: T;
    try {
      result = await fn(conn);
      // Orders changed in this transaction are chained with their final state (SPEC 12).
      await sealTouched(conn);
    } catch (err) {
      forgetTouched(conn);
      // A rollback that fails too (the server is gone) must not hide why the work stopped.
      await sql.raw(end(true)).execute(conn).catch(() => {});
      throw err;
    }
    await sql.raw(end(false)).execute(conn);
    return result;
  });
}

/**
 * The shop's writer lock on PostgreSQL, held to the end of the transaction: writers from every
 * counter take turns, as SQLite's BEGIN IMMEDIATE makes them, so a check and the write it
 * allows (a payment against the balance, the next evidence entry, tonight's sweep) never
 * interleave with another counter's. Row locks (FOR UPDATE) guard the same rows besides.
 */
export const WRITER_LOCK = 0x6f726473; // 'ords'

/**
 * A writer's transaction: BEGIN IMMEDIATE on SQLite (the write lock up front, so a concurrent
 * sweep makes it wait for the busy timeout instead of failing), the writer lock on PostgreSQL.
 * With dryRun the work is done and then rolled back, so a preview is exactly what the real run
 * would do; a function decides when the work is done (an import with problems rolls back).
 */
export async function writeTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>, opts: { dryRun?: boolean | (() => boolean) } = {}): Promise<T> {
  const begin = isPostgres(db) ? ['begin', `select pg_advisory_xact_lock(${WRITER_LOCK})`] : ['begin immediate'];
  const dry = () => (typeof opts.dryRun === 'function' ? opts.dryRun() : Boolean(opts.dryRun));
  return onConnection(db, begin, fn, (failed) => (failed || dry() ? 'rollback' : 'commit'));
}

/**
 * A read transaction: every statement inside sees the same snapshot, so a listing read in
 * pages neither skips nor repeats an order that a concurrent command changes meanwhile.
 */
export async function readTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return onConnection(db, [isPostgres(db) ? 'begin isolation level repeatable read read only' : 'begin'], fn, () => 'rollback');
}
