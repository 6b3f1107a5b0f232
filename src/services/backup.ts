import { pageCount } from '../db/backup.js';
import { dialectOf } from '../db/dialect.js';
import type { ServiceContext } from './context.js';
import { copyShop } from './copy.js';

/**
 * A consistent copy of the open database as an SQLite file; returns its page count. SQLite's
 * online backup copies the file; a PostgreSQL shop is copied whole into a new file (`orders
 * copy`), which opens anywhere and can be copied back to a server.
 */
export async function backup(ctx: ServiceContext & { dbPath: string }, target: string): Promise<number> {
  const own = dialectOf(ctx.db).fileBackup;
  if (own) return own(ctx.db, target);
  await copyShop({ db: ctx.db, path: ctx.dbPath }, target);
  return pageCount(target);
}
