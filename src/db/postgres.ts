import { readFileSync } from 'node:fs';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import { Cursor, parse, pg, pgpass } from './pg-driver.js';
import { RefusedError, UsageError } from '../core/errors.js';
import { assetPath } from './assets.js';
import { EngineTag, onConnection, type Engine } from './engine.js';
import { SCHEMA_VERSION } from './schema-version.js';
import type { Database, DB } from './types.js';

/** Advisory lock keys: one writer at a time, one schema creation, one evidence chain head. */
const WRITER_LOCK = 0x6f726401;
const SCHEMA_LOCK = 0x6f726402;
const CHAIN_LOCK = 0x6f726403;

/**
 * Numbers, booleans and JSON come back as SQLite's do, so every command prints the same bytes:
 * int8 (ids, COUNT) and numeric (SUM of int8) as JavaScript numbers, booleans (EXISTS) as 0/1,
 * JSON as its text. Sums stay exact below 2^53, as SQLite's integers read by better-sqlite3.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case 20: case 1700: return Number;
      case 16: return (v: string) => (v === 't' ? 1 : 0);
      case 114: case 3802: return String;
      default: return pg.types.getTypeParser(oid, format);
    }
  },
};

/** host:port/database of a URL, for messages: never its password. */
function describe(cfg: ReturnType<typeof parse>, env: NodeJS.ProcessEnv): string {
  const host = cfg.host || env.PGHOST || 'localhost';
  const port = cfg.port || env.PGPORT || '5432';
  const database = cfg.database || env.PGDATABASE || cfg.user || env.PGUSER || 'postgres';
  return `host ${host}, port ${port}, database ${database}`;
}

export async function openPostgres(url: string, env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  let cfg: ReturnType<typeof parse>;
  try {
    cfg = parse(url);
  } catch {
    throw new UsageError('Invalid --db URL: use postgres://USER@HOST:PORT/DATABASE.');
  }
  const where = describe(cfg, env);
  const pool = new pg.Pool({
    host: cfg.host || undefined, port: cfg.port ? Number(cfg.port) : undefined, user: cfg.user || undefined,
    database: cfg.database || undefined,
    // libpq's order: the URL, PGPASSWORD, ~/.pgpass (looked up here: pg's own lookup warns on stderr).
    password: cfg.password || ((async () => env.PGPASSWORD ?? passFile(cfg, env)) as () => Promise<string>),
    max: 4, types, connectionTimeoutMillis: 10_000,
  });
  pool.on('error', () => undefined);
  let created = false;
  try {
    const client = await pool.connect();
    try {
      created = await ensureSchema(client, where);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    if (err instanceof UsageError || err instanceof RefusedError) throw err;
    throw new RefusedError(`Cannot open the PostgreSQL database at ${where}: ${reason(err)}.`);
  }
  const engine: Engine = {
    kind: 'postgres',
    db: undefined as unknown as DB,
    location: where,
    created,
    maxParams: 65_535,
    maxRows: 1000,
    sql: {
      daysBetween: (a, b) => `(CAST(${b} AS date) - CAST(${a} AS date))`,
      yearWeek: (d) => `(to_char(CAST(${d} AS date), 'YYYY') || '-W' || lpad(CAST((CAST(extract(doy FROM CAST(${d} AS date)) AS int) + 6 - ((CAST(extract(dow FROM CAST(${d} AS date)) AS int) + 6) % 7)) / 7 AS text), 2, '0'))`,
      nocase: (c) => `lower(${c})`,
      least: (a, b) => `LEAST(${a}, ${b})`,
    },
    placeholder: (n) => `$${n}`,
    // Writers take one advisory lock first, as SQLite's BEGIN IMMEDIATE takes the write lock:
    // ids stay dense (max + 1, as SQLite gives them), and no two counters interleave a
    // read-then-write on the same rows. Readers are never blocked.
    write: (fn, rollback) => onConnection(engine.db, `begin; select pg_advisory_xact_lock(${WRITER_LOCK})`, fn, rollback),
    read: (fn) => onConnection(engine.db, 'begin isolation level repeatable read read only', fn, () => true),
    stream: (trx, q) => batches(trx, q),
    lockChain: async (trx) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(CHAIN_LOCK)})`.execute(trx);
    },
    integrity: async () => {
      // PostgreSQL enforces its foreign keys as rows are written; what is left to check is that
      // the constraints are there and valid.
      const r = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace
        WHERE s.nspname = current_schema() AND c.contype = 'f' AND NOT c.convalidated`.execute(engine.db);
      return { integrity: ['ok'], foreignKeys: Number(r.rows[0]?.n ?? 0) };
    },
    close: () => engine.db.destroy(),
  };
  (engine as { db: DB }).db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool, cursor: Cursor as never }),
    plugins: [new EngineTag(engine)],
  });
  return engine;
}

/** A cursor's rows, 1000 at a time, as value arrays in select order. */
async function* batches(trx: DB, q: { compile(): { sql: string; parameters: readonly unknown[] } }): AsyncGenerator<unknown[][]> {
  const { sql: text, parameters } = q.compile();
  for await (const r of trx.getExecutor().stream(CompiledQuery.raw(text, [...parameters]), 1000)) {
    yield (r.rows as Record<string, unknown>[]).map((row) => Object.values(row));
  }
}

/** Creates the schema in an empty database (one transaction, one creator at a time); true if it did. */
async function ensureSchema(client: pg.PoolClient, where: string): Promise<boolean> {
  const found = await client.query<{ version: number }>(`SELECT version FROM orders_schema`).catch(() => undefined);
  if (found) return checkVersion(found.rows[0]?.version ?? 0, where);
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`);
    const again = await client.query<{ n: number }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()`);
    if (Number(again.rows[0]!.n) > 0) {
      const mine = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'orders_schema'`);
      if (mine.rowCount === 0) throw new UsageError(`The PostgreSQL database at ${where} is not empty and not an orders database; name an empty database.`);
      await client.query('ROLLBACK');
      return false;
    }
    await client.query(readFileSync(assetPath('schema.pg.sql'), 'utf8'));
    await client.query(`INSERT INTO orders_schema (version) VALUES (${SCHEMA_VERSION})`);
    await client.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      ['timezone', Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC']);
    await client.query('COMMIT');
    return true;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

function checkVersion(version: number, where: string): false {
  if (version > SCHEMA_VERSION) {
    throw new UsageError(`The PostgreSQL database at ${where} was written by a newer version of orders (schema ${version}); upgrade orders to open it.`);
  }
  if (version < SCHEMA_VERSION) {
    // No PostgreSQL database older than this release exists: PostgreSQL came with schema 2.
    throw new UsageError(`The PostgreSQL database at ${where} has an unknown schema version ${version}.`);
  }
  return false;
}

function reason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e.code === 'ECONNREFUSED') return 'nothing is listening there (is the server running?)';
  if (e.code === 'ENOTFOUND') return 'the host name is unknown';
  if (e.code === '28P01' || e.code === '28000') return 'the server refused the user name or password';
  if (e.code === '3D000') return 'the database does not exist (create it with createdb)';
  return (e.message ?? String(err)).replace(/\.$/, '');
}

/** ~/.pgpass (or PGPASSFILE), as libpq reads it. */
async function passFile(cfg: ReturnType<typeof parse>, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => pgpass({
    host: cfg.host || env.PGHOST || 'localhost', port: Number(cfg.port || env.PGPORT || 5432),
    database: cfg.database || env.PGDATABASE, user: cfg.user || env.PGUSER || env.USER,
  }, resolve));
}
