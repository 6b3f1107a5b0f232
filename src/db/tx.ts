import { engineOf } from './engine.js';
import { forgetTouched, sealTouched } from './evidence.js';
import type { DB } from './types.js';

/**
 * A writer's transaction (BEGIN IMMEDIATE on SQLite; on PostgreSQL one writer at a time per
 * shop, see src/db/postgres.ts). With dryRun the work is done and then rolled back, so a
 * preview is exactly what the real run would do; a function decides from the result. Inside
 * fn use only the given trx: the outer handle may wait forever for the connection fn holds.
 */
export async function writeTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>, opts: { dryRun?: boolean | ((result: T) => boolean) } = {}): Promise<T> {
  const { dryRun } = opts;
  return engineOf(db).write(async (trx) => {
    try {
      const result = await fn(trx);
      // Orders changed in this transaction are chained with their final state (SPEC 12).
      await sealTouched(trx);
      return result;
    } catch (err) {
      forgetTouched(trx);
      throw err;
    }
  }, typeof dryRun === 'function' ? dryRun : () => Boolean(dryRun));
}

/**
 * A read transaction: every statement inside sees the same snapshot, so a listing read in
 * pages neither skips nor repeats an order that a concurrent command changes meanwhile.
 */
export async function readTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return engineOf(db).read(fn);
}
