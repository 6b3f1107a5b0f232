import { sql } from 'kysely';
import { dialectOf } from './dialect.js';
import { forgetTouched, sealTouched } from './evidence.js';
import type { DB } from './types.js';

/**
 * Runs fn between `begin` and the statement `end` names (by whether fn failed) on the store's
 * one connection (each engine has one per command). Inside fn use only the given trx: a query
 * on the outer db would wait for the connection fn holds, for ever on SQLite and until the
 * pool's 15 s on PostgreSQL (services get a context bound to trx: inWrite, inRead).
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
 * A writer's transaction: the shop's write lock taken up front (BEGIN IMMEDIATE on SQLite,
 * the writer lock on PostgreSQL), so writers from every counter take turns.
 * With dryRun the work is done and then rolled back, so a preview is exactly what the real run
 * would do; a function decides when the work is done (an import with problems rolls back).
 */
export async function writeTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>, opts: { dryRun?: boolean | (() => boolean) } = {}): Promise<T> {
  const dry = () => (typeof opts.dryRun === 'function' ? opts.dryRun() : Boolean(opts.dryRun));
  return onConnection(db, dialectOf(db).beginWrite, fn, (failed) => (failed || dry() ? 'rollback' : 'commit'));
}

/**
 * A read transaction: every statement inside sees the same snapshot, so a listing read in
 * pages neither skips nor repeats an order that a concurrent command changes meanwhile.
 */
export async function readTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return onConnection(db, dialectOf(db).beginRead, fn, () => 'rollback');
}
