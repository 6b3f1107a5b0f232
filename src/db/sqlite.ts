import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { RefusedError, UsageError } from '../core/errors.js';
import { assetPath } from './assets.js';
import { DialectCarrier, refusedByStore } from './dialect.js';
import { sqliteDialect, statementCache } from './sqlite-dialect.js';
import { MIGRATION_STEPS } from './migration-steps.js';
import type { Database, DB } from './types.js';

/** The newest schema version; schema.sql describes it. */
export const SCHEMA_VERSION = 2;

/** Opens (creating with mode 0600 and migrating as needed) the SQLite file at path. */
export function openDatabase(path: string, isDefault: boolean): { db: DB; raw: Sqlite.Database; created: boolean } {
  let created = false;
  if (!existsSync(path)) {
    const dir = dirname(path);
    if (isDefault) mkdirSync(dir, { recursive: true, mode: 0o700 });
    else if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UsageError(`Cannot create the database ${path}: the directory ${dir} does not exist.`);
    }
    closeSync(openSync(path, 'wx', 0o600));
    created = true;
  } else if (statSync(path).isDirectory()) {
    throw new UsageError(`${path} is a directory, not a database file.`);
  }
  const raw = connect(path);
  try {
    // Whose file it is, before anything is written to it: another program's SQLite file stays byte-for-byte as it was.
    checkVersion(raw, path);
    if (!raw.readonly) {
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = NORMAL');
    }
    // Foreign keys are off while a migration rebuilds a table (better-sqlite3 turns them on by
    // default, and DROP TABLE of a referenced table would fail); it checks them itself at the end.
    raw.pragma('foreign_keys = OFF');
    migrate(raw, path);
  } catch (err) {
    raw.close();
    throw describeOpenError(path, err);
  }
  raw.pragma('foreign_keys = ON');
  const prepared = statementCache(raw);
  const database: SqliteDatabase = { close: () => raw.close(), prepare: prepared };
  const db: DB = new Kysely<Database>({ dialect: new SqliteDialect({ database }), plugins: [new DialectCarrier(sqliteDialect(raw, prepared))] });
  return { db, raw, created };
}

/** The addon's path, so better-sqlite3 skips the `bindings` package's search of the disk. */
export function nativeBinding(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}

/**
 * Opens for writing; in a directory we may not write to (WAL needs its -shm file there), read
 * commands still work: read-only, or as an immutable file when no write-ahead log is pending.
 */
function connect(path: string): Sqlite.Database {
  const open = (file: string, readonly: boolean) => {
    const raw = new Sqlite(file, { timeout: 10_000, nativeBinding: nativeBinding(), readonly });
    raw.pragma('user_version');
    return raw;
  };
  try {
    return open(path, false);
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_READONLY') && code !== 'SQLITE_CANTOPEN') throw describeOpenError(path, err);
    try {
      return open(path, true);
    } catch {
      // SQLITE_USE_URI=1 is set by the process's entry point (src/main.ts) before the driver loads.
      if (existsSync(`${path}-wal`)) throw describeOpenError(path, err);
      try {
        return open(`file:${encodeURI(path).replace(/[?#]/g, encodeURIComponent)}?immutable=1`, true);
      } catch {
        throw describeOpenError(path, err);
      }
    }
  }
}

/** Refuses a file that is not ours, or not a version we know, without writing to it. */
function checkVersion(raw: Sqlite.Database, path: string): void {
  const version = raw.pragma('user_version', { simple: true }) as number;
  if (version < 0) throw new UsageError(`${path} has an unknown schema version (${version}); it is not an orders database this program can open.`);
  if (version > SCHEMA_VERSION) {
    throw new UsageError(`${path} was written by a newer version of orders (schema ${version}); upgrade orders to open it.`);
  }
  if (version === 0) {
    const tables = raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) throw new UsageError(`${path} is an SQLite file but not an orders database; it was left as it was.`);
  }
  if (raw.readonly && version !== SCHEMA_VERSION) {
    throw new UsageError(`${path} needs upgrading to schema ${SCHEMA_VERSION}, but it or its directory is read-only.`);
  }
}

function describeOpenError(path: string, err: unknown): Error {
  const code = (err as { code?: string }).code ?? '';
  if (err instanceof UsageError) return err;
  if (code === 'SQLITE_NOTADB') return new UsageError(`${path} is not an orders database (it is not an SQLite file).`);
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
    return new UsageError(`Cannot write the database ${path}: the file or its directory is read-only.`);
  }
  return sqliteStorageError(path, err) ?? (err as Error);
}

/** A full disk, an I/O error or a read-only file as one sentence naming the file (SPEC 12); undefined for other errors. */
export function sqliteStorageError(path: string, err: unknown): Error | undefined {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_FULL') return new RefusedError(`The disk holding ${path} is full; nothing was changed. Free some space and try again.`);
  if (code.startsWith('SQLITE_IOERR')) return new RefusedError(`Cannot read or write ${path}: the disk reported an I/O error (${code}); nothing was changed.`);
  if (code.startsWith('SQLITE_READONLY')) return new UsageError(`Cannot change ${path}: the file or its directory is read-only; only commands that read work here.`);
  // SQLITE_BUSY (and its extended codes) has its own sentence (src/output/errors.ts), shared with PostgreSQL's lock timeout.
  if (code.startsWith('SQLITE_') && !code.startsWith('SQLITE_BUSY')) return refusedByStore(path, err);
  return undefined;
}

/** Turns version v-1 into v: the SQL files of migrations/v/ by name, then v's code steps. */
function applyMigration(raw: Sqlite.Database, v: number): void {
  const dir = assetPath('migrations', String(v));
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    raw.exec(readFileSync(join(dir, file), 'utf8'));
  }
  for (const step of MIGRATION_STEPS[v] ?? []) step(raw);
}

function migrate(raw: Sqlite.Database, path: string): void {
  const version = raw.pragma('user_version', { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  const run = raw.transaction(() => {
    // Another process may have migrated it meanwhile; the write lock is ours now.
    const current = raw.pragma('user_version', { simple: true }) as number;
    if (current === SCHEMA_VERSION) return;
    if (current === 0) raw.exec(readFileSync(assetPath('schema.sql'), 'utf8'));
    else for (let v = current + 1; v <= SCHEMA_VERSION; v++) applyMigration(raw, v);
    if ((raw.pragma('foreign_key_check') as unknown[]).length > 0) {
      throw new Error(`migrating ${path} to schema ${SCHEMA_VERSION} would break its references`);
    }
    if (current === 0) {
      raw.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)')
        .run('timezone', Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
    }
    raw.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  run.immediate();
}
