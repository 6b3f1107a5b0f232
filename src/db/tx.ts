import { sql } from 'kysely';
import { shareHandle } from './open.js';
import type { DB } from './types.js';

/**
 * Runs fn in a BEGIN IMMEDIATE transaction on Kysely's single connection: a writer takes the
 * write lock up front, so a concurrent sweep makes it wait (busy timeout) instead of failing.
 * Inside fn use only the given trx; a query on the outer db would wait forever. With dryRun
 * the work is done and then rolled back, so a preview is exactly what the real run would do.
 */
export async function writeTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>, opts: { dryRun?: boolean } = {}): Promise<T> {
  return db.connection().execute(async (conn) => {
    shareHandle(db, conn);
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql.raw(opts.dryRun ? 'rollback' : 'commit').execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn);
      throw err;
    }
  });
}

/**
 * Runs fn in a read transaction on Kysely's single connection: every statement inside sees the
 * same snapshot, so a listing read in pages neither skips nor repeats an order that a
 * concurrent command changes meanwhile. Inside fn use only the given trx.
 */
export async function readTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    shareHandle(db, conn);
    await sql`begin`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql`commit`.execute(conn);
    }
  });
}
