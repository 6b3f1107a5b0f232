import { sql } from 'kysely';
import { forgetTouched, sealTouched } from './evidence.js';
import { shareHandle } from './open.js';
import type { DB } from './types.js';

/**
 * Runs fn between `begin` and the statement `end` names (by whether fn failed) on Kysely's
 * single connection, with the raw handle shared for the hot paths. Inside fn use only the
 * given trx; a query on the outer db would wait forever.
 */
async function onConnection<T>(db: DB, begin: string, fn: (trx: DB) => Promise<T>, end: (failed: boolean) => 'commit' | 'rollback'): Promise<T> {
  return db.connection().execute(async (conn) => {
    shareHandle(db, conn);
    await sql.raw(begin).execute(conn);
    let result: T;
    try {
      result = await fn(conn);
      // Orders changed in this transaction are chained with their final state (SPEC 12).
      await sealTouched(conn);
    } catch (err) {
      forgetTouched(conn);
      await sql.raw(end(true)).execute(conn);
      throw err;
    }
    await sql.raw(end(false)).execute(conn);
    return result;
  });
}

/**
 * A BEGIN IMMEDIATE transaction: a writer takes the write lock up front, so a concurrent sweep
 * makes it wait (busy timeout) instead of failing. With dryRun the work is done and then
 * rolled back, so a preview is exactly what the real run would do.
 */
export async function writeTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>, opts: { dryRun?: boolean } = {}): Promise<T> {
  return onConnection(db, 'begin immediate', fn, (failed) => (failed || opts.dryRun ? 'rollback' : 'commit'));
}

/**
 * A read transaction: every statement inside sees the same snapshot, so a listing read in
 * pages neither skips nor repeats an order that a concurrent command changes meanwhile.
 */
export async function readTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return onConnection(db, 'begin', fn, () => 'rollback');
}
