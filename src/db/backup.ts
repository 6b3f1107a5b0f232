import { chmodSync } from 'node:fs';
import { rawHandle } from './open.js';
import type { DB } from './types.js';

/** A consistent copy through SQLite's online backup API, safe while other commands write; mode 0600 like the original. */
export async function backupTo(db: DB, target: string): Promise<number> {
  const r = await rawHandle(db).backup(target);
  chmodSync(target, 0o600);
  return r.totalPages;
}
