import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { RefusedError, UsageError } from '../core/errors.js';
import { assetPath } from './assets.js';
import { DialectCarrier, refusedByStore } from './dialect.js';
import { postgresDialect, prefetching } from './postgres-dialect.js';
import { databaseOf, describeUrl, readUrl, withoutPassword } from './postgres-url.js';
import type { Database, DB } from './types.js';

/** The schema version of a PostgreSQL orders database (schema.pg.sql writes it). */
const PG_SCHEMA_VERSION = 2;
/** The lock that makes two counters opening a new database at once create its schema once. */
const MIGRATE_LOCK = 0x6f726d67; // 'ormg'
/**
 * Opens a PostgreSQL orders database through Kysely's PostgresDialect and node-postgres, loaded
 * only here. Rows read the same as SQLite's: BIGINT and NUMERIC come back as numbers (`pg`
 * hands them over as strings), booleans as 1 and 0. A new, empty database gets the schema; one
 * holding other tables is refused untouched. libpq's PGPASSWORD and ~/.pgpass are honoured by
 * the driver; a password is never printed.
 */
export async function openPostgres(url: string): Promise<{ db: DB; created: boolean; close: () => Promise<void> }> {
  const u = readUrl(url);
  // Without a database the driver would use the server's own (postgres) and set a shop up there.
  if (u && !databaseOf(u)) throw new UsageError(`The URL ${withoutPassword(url)} names no database; add one, as in postgres://USER@HOST:PORT/DB.`);
  const { pg, Cursor } = driver();
  quietSslModeNotice();
  pg.types.setTypeParser(20, Number); // int8: ids, money, COUNT
  pg.types.setTypeParser(1700, Number); // numeric: SUM of int8 (report sums are exact as text instead)
  pg.types.setTypeParser(16, (v: string) => (v === 't' ? 1 : 0)); // bool: EXISTS and comparisons, 1/0 as in SQLite
  const where = describeUrl(url);
  // lock_timeout: a lock held by another program is given up after 10 s, as SQLite's busy timeout
  // does, with the same sentence (src/output/errors.ts), instead of a wait without end. One
  // connection, as SQLite has: queries run one after another on it (a second connection is
  // another server process to start, for a command that sends its statements in turn anyway).
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 15_000, options: '-c lock_timeout=10s' });
  // A client that loses its server, idle or in use, must not end the process with an unhandled
  // 'error' event: the query in flight fails with the same error, which becomes one sentence.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const close = () => pool.end();
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await close().catch(() => {});
    throw new RefusedError(`Cannot connect to ${where}: ${reason(err)}.`);
  }
  const db: DB = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: prefetching(Cursor) }), plugins: [new DialectCarrier(postgresDialect)] });
  try {
    const created = await migrate(db, where);
    return { db, created, close: () => db.destroy() };
  } catch (err) {
    await db.destroy().catch(() => {});
    throw err;
  }
}

/** A lost server or a read-only user as one sentence (SPEC 12); undefined for other errors. */
export function postgresStorageError(url: string, err: unknown): Error | undefined {
  const code = (err as { code?: string }).code ?? '';
  if (['57P01', '57P02', '57P03', '08003', '08006', 'ECONNRESET', 'EPIPE'].includes(code) || /Connection terminated|not queryable/i.test((err as Error).message ?? '')) {
    return new RefusedError(`Lost the connection to ${describeUrl(url)} while the command ran; what it had not committed was rolled back by the server, so check with \`orders show\` before running it again.`);
  }
  // A user granted only SELECT, or a server (or replica) in read-only mode.
  if (code === '42501' || code === '25006') return new UsageError(`Cannot change ${url}: this database user may only read; only commands that read work here.`);
  // An error the server raised (a SQLSTATE and a severity); 55P03, the lock timeout, has its own sentence.
  if (/^[0-9A-Z]{5}$/.test(code) && code !== '55P03' && (err as { severity?: string }).severity) return refusedByStore(url, err);
  return undefined;
}

/**
 * pg and pg-cursor: from dist/pg.cjs beside the bundle (src/db/pg-driver.ts, built by
 * build.mjs), or from node_modules when run from the sources (the unit tests). Required, not
 * imported: the bundle runs as a vm.Script, which has no import().
 */
function driver(): typeof import('./pg-driver.js') {
  const load = createRequire(import.meta.url);
  // pg asks, as it loads, whether it runs on Cloudflare Workers: without a `navigator` (Node 20
  // has none) it builds a fetch Response to find out, which loads Node's whole fetch library:
  // 60-100 ms of every command. A navigator that says Node answers it; it is gone again after.
  const g = globalThis as { navigator?: unknown };
  const shim = g.navigator === undefined;
  if (shim) Object.defineProperty(g, 'navigator', { value: { userAgent: `Node.js/${process.version}` }, configurable: true });
  try {
    return load('./pg.cjs') as typeof import('./pg-driver.js');
  } catch {
    return { pg: load('pg') as typeof import('pg'), Cursor: load('pg-cursor') as typeof import('pg-cursor') };
  } finally {
    if (shim) delete g.navigator;
  }
}

/**
 * pg-connection-string announces, once, a change of its sslmode semantics in its next major
 * version: a notice for the program's developers, not for a shop owner reading the output.
 */
function quietSslModeNotice(): void {
  const emit = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).startsWith('SECURITY WARNING: The SSL modes')) return;
    (emit as (w: string | Error, ...r: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
}

/** Why a connection failed, in words, without the URL (which may hold a password). */
function reason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  switch (e.code) {
    case 'ECONNREFUSED': return 'the connection was refused (is the server running, and on that port?)';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'the host name is not known';
    case 'ETIMEDOUT': return 'the server did not answer';
    case '28P01': case '28000': return 'the server refused the user name or password';
    case '3D000': return 'the database does not exist';
    default: {
      const text = (e.message ?? String(err)).replace(/postgres(ql)?:\/\/\S*/gi, '(the URL)').replace(/\.$/, '');
      // The driver's own sentence continues ours: "The server does not ..." reads "the server does not ...".
      return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
    }
  }
}

/** Creates the schema in an empty database, or checks the version of an orders database; true when created. */
async function migrate(db: DB, where: string): Promise<boolean> {
  const version = await schemaVersion(db, where);
  if (version === PG_SCHEMA_VERSION) return false;
  return db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATE_LOCK)})`.execute(conn);
      // Another counter may have created it meanwhile; the lock is ours now.
      if ((await schemaVersion(conn, where, false)) === PG_SCHEMA_VERSION) {
        await sql`rollback`.execute(conn);
        return false;
      }
      await sql.raw(readFileSync(assetPath('schema.pg.sql'), 'utf8')).execute(conn);
      await sql`INSERT INTO settings (key, value) VALUES ('timezone', ${Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'}) ON CONFLICT DO NOTHING`.execute(conn);
      await sql`commit`.execute(conn);
      return true;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw err;
    }
  });
}

/** The orders schema version, 0 for an empty database; another program's database is refused. */
async function schemaVersion(db: DB, where: string, quick = true): Promise<number> {
  // The common case in one cheap statement: an orders database at the current version. Not
  // inside a transaction, which a missing table would abort.
  if (quick) {
    try {
      const r = await sql<{ version: number }>`SELECT max(version) AS version FROM schema_version`.execute(db);
      if (Number(r.rows[0]?.version) === PG_SCHEMA_VERSION) return PG_SCHEMA_VERSION;
    } catch (err) {
      if ((err as { code?: string }).code !== '42P01') throw err; // 42P01: no such table
    }
  }
  const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(db);
  if (tables.rows.length === 0) return 0;
  if (!tables.rows.some((t) => t.name === 'schema_version')) {
    throw new UsageError(`${where} holds other tables and is not an orders database; it was left as it was.`);
  }
  const r = await sql<{ version: number }>`SELECT max(version) AS version FROM schema_version`.execute(db);
  const version = Number(r.rows[0]?.version ?? 0);
  if (version > PG_SCHEMA_VERSION) throw new UsageError(`${where} was written by a newer version of orders (schema ${version}); upgrade orders to open it.`);
  if (version < PG_SCHEMA_VERSION) throw new UsageError(`${where} has an unknown schema version (${version}); it is not an orders database this program can open.`);
  return version;
}
