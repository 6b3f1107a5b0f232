import { backupTo } from '../db/backup.js';
import type { ServiceContext } from './context.js';

/** A consistent copy of the open database (SQLite's online backup); returns its page count. */
export async function backup(ctx: ServiceContext, target: string): Promise<number> {
  return backupTo(ctx.db, target);
}
