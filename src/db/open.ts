import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';
import { RefusedError, UsageError } from '../core/errors.js';
import { engineOf, type Engine } from './engine.js';
import type { DB } from './types.js';

export { SCHEMA_VERSION } from './schema-version.js';

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'orders', 'orders.db');
}

/** Deletes the demo's own database (replaced on every `orders demo` without --db) and returns its path. */
export function removeDemoDb(env: NodeJS.ProcessEnv = process.env): string {
  const path = join(dirname(defaultDbPath(env)), 'demo.db');
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  return path;
}

export function resolveDbPath(option: string | undefined, env: NodeJS.ProcessEnv = process.env): { path: string; isDefault: boolean } {
  const explicit = option ?? env.ORDERS_DB;
  return explicit ? { path: explicit, isDefault: false } : { path: defaultDbPath(env), isDefault: true };
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** The --db value as it may be printed: a URL loses its password (`postgres://u:secret@h` -> `postgres://u@h`). */
export function displayTarget(target: string): string {
  return isPostgresUrl(target) ? target.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, '$1@') : target;
}

/**
 * Opens the store a --db value names: a postgres:// URL on PostgreSQL (the driver is loaded
 * only then, so the SQLite start-up pays nothing for it), anything else as an SQLite file.
 */
export async function openStore(target: string, isDefault: boolean): Promise<Engine> {
  if (isPostgresUrl(target)) return (await import('./postgres.js')).openPostgres(target);
  return (await import('./sqlite.js')).openSqlite(target, isDefault);
}

/** The engine's integrity check ('ok' when sound) and the number of foreign-key violations. */
export function integrity(db: DB): Promise<{ integrity: string[]; foreignKeys: number }> {
  return engineOf(db).integrity();
}

/** A full disk or an I/O error as one sentence naming the file (SPEC 12); other errors as they are. */
export function storageError(path: string, err: unknown): Error {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_FULL') return new RefusedError(`The disk holding ${path} is full; nothing was changed. Free some space and try again.`);
  if (code.startsWith('SQLITE_IOERR')) return new RefusedError(`Cannot read or write ${path}: the disk reported an I/O error (${code}); nothing was changed.`);
  if (code.startsWith('SQLITE_READONLY')) return new UsageError(`Cannot change ${path}: the file or its directory is read-only; only commands that read work here.`);
  return err as Error;
}
