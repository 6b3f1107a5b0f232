import { chmodSync } from 'node:fs';
import { RefusedError } from '../core/errors.js';
import { engineOf } from './engine.js';
import type { SqliteEngine } from './sqlite.js';
import type { DB } from './types.js';

/** A consistent copy through SQLite's online backup API, safe while other commands write; mode 0600 like the original. */
export async function backupTo(db: DB, target: string): Promise<number> {
  const engine = engineOf(db);
  if (engine.kind !== 'sqlite') {
    throw new RefusedError('backup copies an SQLite file; for PostgreSQL use pg_dump, or `orders copy --to FILE` for an SQLite copy.');
  }
  const r = await (engine as SqliteEngine).raw.backup(target);
  chmodSync(target, 0o600);
  return r.totalPages;
}
