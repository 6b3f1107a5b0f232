import { chmodSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { nativeBinding } from './sqlite.js';
import { rawHandle } from './sqlite-dialect.js';
import type { DB } from './types.js';

/** A consistent copy through SQLite's online backup API, safe while other commands write; mode 0600 like the original. */
export async function backupTo(db: DB, target: string): Promise<number> {
  const r = await rawHandle(db).backup(target);
  chmodSync(target, 0o600);
  return r.totalPages;
}

/** The pages of an SQLite file (a backup just written). */
export function pageCount(path: string): number {
  const d = new Sqlite(path, { readonly: true, nativeBinding: nativeBinding() });
  try {
    return d.pragma('page_count', { simple: true }) as number;
  } finally {
    d.close();
  }
}
