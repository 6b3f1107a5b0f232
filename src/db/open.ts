import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import Sqlite from 'better-sqlite3';
import {
  Kysely, SqliteDialect, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs,
  type QueryResult, type RootOperationNode, type SqliteDatabase, type UnknownRow,
} from 'kysely';
import { RefusedError, UsageError } from '../core/errors.js';
import { assetPath } from './assets.js';
import { isPostgres } from './engine.js';
import { MIGRATION_STEPS } from './migration-steps.js';
import { describeUrl, isPostgresUrl, openPostgres } from './postgres.js';
import type { Database, DB } from './types.js';

/** The newest schema version; schema.sql describes it. */
export const SCHEMA_VERSION = 2;

/** Turns version v-1 into v: the SQL files of migrations/v/ by name, then v's code steps. */
function applyMigration(raw: Sqlite.Database, v: number): void {
  const dir = assetPath('migrations', String(v));
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    raw.exec(readFileSync(join(dir, file), 'utf8'));
  }
  for (const step of MIGRATION_STEPS[v] ?? []) step(raw);
}

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
 * Opens the shop's store: a postgres:// URL through src/db/postgres.ts (the driver is loaded
 * only then, so SQLite's start-up is unchanged), anything else as an SQLite file.
 */
export async function openStore(target: string, isDefault: boolean): Promise<Opened> {
  if (isPostgresUrl(target)) return openPostgres(target);
  const { db, raw, created } = openDatabase(target, isDefault);
  return { db, created, close: async () => { raw.close(); } };
}

/** Opens (creating with mode 0600 and migrating as needed) the database at path. */
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
  const db: DB = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }), plugins: [new SqliteHandle(raw)] });
  return { db, raw, created };
}

/**
 * Kysely prepares each query anew; a command that runs the same few queries per order (remind
 * with 100,000 messages due spent 10 s of 36 in prepare) reuses them instead. Kysely runs one
 * query at a time on its one connection, so a cached statement is never busy when asked for.
 */
function withStatementCache(raw: Sqlite.Database): SqliteDatabase {
  const statements = new Map<string, Sqlite.Statement>();
  return {
    close: () => raw.close(),
    prepare: (sql) => {
      let st = statements.get(sql);
      if (!st) {
        // IN lists of every length make new texts; a bound keeps a long run's cache small.
        if (statements.size >= 256) statements.clear();
        st = raw.prepare(sql);
        statements.set(sql, st);
      }
      return st;
    },
  };
}

/**
 * The better-sqlite3 handle behind a Kysely instance, for the few hot paths (bulk statements,
 * streamed export) where a benchmark showed Kysely's per-statement cost dominating. It travels
 * with the store as a plugin that changes nothing: every connection and transaction made from
 * the instance carries it, so nothing keeps a registry of handles. Only src/db uses it.
 */
class SqliteHandle implements KyselyPlugin {
  constructor(readonly raw: Sqlite.Database) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export function rawHandle(db: DB): Sqlite.Database {
  const plugin = db.getExecutor().plugins.find((p): p is SqliteHandle => p instanceof SqliteHandle);
  if (!plugin) throw new Error('no SQLite handle on this connection');
  return plugin.raw;
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
  return storageError(path, err);
}

/** A full disk or an I/O error as one sentence naming the file (SPEC 12); other errors as they are. */
export function storageError(path: string, err: unknown): Error {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_FULL') return new RefusedError(`The disk holding ${path} is full; nothing was changed. Free some space and try again.`);
  if (code.startsWith('SQLITE_IOERR')) return new RefusedError(`Cannot read or write ${path}: the disk reported an I/O error (${code}); nothing was changed.`);
  if (code.startsWith('SQLITE_READONLY')) return new UsageError(`Cannot change ${path}: the file or its directory is read-only; only commands that read work here.`);
  if (isPostgresUrl(path) && (['57P01', '57P02', '57P03', '08003', '08006', 'ECONNRESET', 'EPIPE'].includes(code) || /Connection terminated|not queryable/i.test((err as Error).message ?? ''))) {
    return new RefusedError(`Lost the connection to ${describeUrl(path)} while the command ran; what it had not committed was rolled back by the server, so check with \`orders show\` before running it again.`);
  }
  // PostgreSQL: a user granted only SELECT, or a server (or replica) in read-only mode.
  if (code === '42501' || code === '25006') return new UsageError(`Cannot change ${path}: this database user may only read; only commands that read work here.`);
  return err as Error;
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

/** PRAGMA integrity_check's lines ('ok' when sound) and the number of foreign-key violations. */
export function integrity(db: DB): { integrity: string[]; foreignKeys: number } {
  // PostgreSQL checks its pages and references itself, as it writes them.
  if (isPostgres(db)) return { integrity: ['ok'], foreignKeys: 0 };
  const raw = rawHandle(db);
  return {
    integrity: (raw.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check),
    foreignKeys: (raw.pragma('foreign_key_check') as unknown[]).length,
  };
}
