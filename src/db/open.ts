import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';
import { isPostgresUrl } from './postgres-url.js';
import { openPostgres, postgresStorageError } from './postgres.js';
import { openDatabase, sqliteStorageError } from './sqlite.js';
import type { DB } from './types.js';

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

export interface Opened {
  db: DB;
  created: boolean;
  close(): Promise<void>;
}

/**
 * Opens the shop's store and chooses its engine, once: a postgres:// URL through
 * src/db/postgres.ts (the driver is loaded only then, so SQLite's start-up is unchanged),
 * anything else as an SQLite file (src/db/sqlite.ts). The Kysely instance carries the engine's
 * dialect (src/db/dialect.ts) from then on.
 */
export async function openStore(target: string, isDefault: boolean): Promise<Opened> {
  if (isPostgresUrl(target)) return openPostgres(target);
  const { db, raw, created } = openDatabase(target, isDefault);
  return { db, created, close: async () => { raw.close(); } };
}

/** A full disk, an I/O error, a lost server or a read-only store as one sentence naming it (SPEC 12); other errors as they are. */
export function storageError(path: string, err: unknown): Error {
  return (isPostgresUrl(path) ? postgresStorageError(path, err) : sqliteStorageError(path, err)) ?? (err as Error);
}
