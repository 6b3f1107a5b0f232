import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';

const BIN = resolve(import.meta.dirname, '../../bin/orders');

/**
 * The engine every Shop runs on: SQLite files, or with ORDERS_TEST_PG=1 a database of its own
 * on the PostgreSQL server that PGHOST/PGPORT/PGUSER name (.ci/with-postgres starts one).
 */
export const ENGINE: 'sqlite' | 'postgres' = process.env.ORDERS_TEST_PG === '1' ? 'postgres' : 'sqlite';
export const onPostgres = ENGINE === 'postgres';

let databases = 0;

/** Runs SQL with psql on a database; returns stdout. */
export function psql(database: string, text: string): string {
  const r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', database, '-c', text], { encoding: 'utf8', env: process.env });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
  return r.stdout;
}

/** A new, empty PostgreSQL database; returns its URL (no password: the test server trusts loopback). */
export function newPgDatabase(template?: string): string {
  const name = `orders_e2e_${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
  psql('postgres', `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  return pgUrl(name);
}

export function pgUrl(name: string): string {
  return `postgres://${process.env.PGUSER ?? 'postgres'}@${process.env.PGHOST ?? '127.0.0.1'}:${process.env.PGPORT ?? '5432'}/${name}`;
}

const pgName = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** `?` placeholders filled with SQL literals, for psql (test data only). */
function inline(text: string, params: unknown[]): string {
  let i = 0;
  return text.replace(/\?/g, () => {
    const v = params[i++];
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    return `'${String(v).replace(/'/g, "''")}'`;
  });
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
  json: () => any;
}

/** A shop on a temporary database; every run passes --db and --now. */
export class Shop {
  readonly dir = mkdtempSync(join(tmpdir(), 'orders-e2e-'));
  /** a file path, or a postgres:// URL on PostgreSQL */
  db: string;
  now = '2026-11-25';
  env: NodeJS.ProcessEnv = {};

  constructor(opts: { engine?: 'sqlite' | 'postgres' } = {}) {
    this.db = (opts.engine ?? ENGINE) === 'postgres' ? newPgDatabase() : join(this.dir, 'orders.db');
  }

  run(args: string[], opts: { now?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Result {
    const env = { PATH: process.env.PATH, HOME: this.dir, TZ: 'UTC', ...this.env, ...opts.env };
    const r = spawnSync(process.execPath, [BIN, '--db', this.db, '--now', opts.now ?? this.now, ...args], {
      // A safety net against a hung command; a busy night of thousands of messages takes longer on PostgreSQL.
      env, encoding: 'utf8', input: opts.input ?? '', timeout: this.db.startsWith('postgres://') ? 120_000 : 20_000, maxBuffer: 64 * 1024 * 1024,
    });
    return {
      code: r.status ?? -1,
      stdout: r.stdout,
      stderr: r.stderr,
      json: () => JSON.parse(r.stdout),
    };
  }

  /** Runs and expects exit 0; returns stdout. */
  ok(args: string[], opts: { now?: string; env?: NodeJS.ProcessEnv } = {}): string {
    const r = this.run(args, opts);
    if (r.code !== 0) throw new Error(`orders ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r.stdout;
  }

  okJson(args: string[], opts: { now?: string } = {}): any {
    return JSON.parse(this.ok([...args, '--json'], opts));
  }

  init(extra: string[] = []): this {
    this.ok(['init', '--shop-name', 'Toko Maju', '--currency', 'IDR', '--locale', 'id', '--timezone', 'Asia/Jakarta', '--country-code', '62', ...extra]);
    return this;
  }

  /** Every row of every table and the schema version: equal dumps mean an unchanged database. */
  dump(): string {
    if (this.db.startsWith('postgres://')) return pgDump(pgName(this.db));
    const d = new Sqlite(this.db, { readonly: true });
    try {
      const tables = d.prepare("SELECT name, sql FROM sqlite_master ORDER BY name").all() as { name: string; sql: string }[];
      const parts = [`user_version=${d.pragma('user_version', { simple: true })}`];
      for (const t of tables) {
        parts.push(t.sql ?? t.name);
        if (t.sql?.startsWith('CREATE TABLE')) parts.push(JSON.stringify(d.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all()));
      }
      return parts.join('\n');
    } finally {
      d.close();
    }
  }

  /** The database file's bytes (and its WAL's), for "byte-for-byte unchanged". */
  bytes(): string {
    if (this.db.startsWith('postgres://')) return this.dump();
    const parts = [this.db, `${this.db}-wal`].map((f) => (existsSync(f) ? createHash('sha256').update(readFileSync(f)).digest('hex') : 'none'));
    return parts.join(' ');
  }

  query<T = any>(sql: string, ...params: unknown[]): T[] {
    if (this.db.startsWith('postgres://')) {
      return JSON.parse(psql(pgName(this.db), `SELECT coalesce(json_agg(q), '[]') FROM (${inline(sql, params)}) q`)) as T[];
    }
    const d = new Sqlite(this.db, { readonly: true });
    try {
      return d.prepare(sql).all(...params) as T[];
    } finally {
      d.close();
    }
  }

  /** Writes to the file behind the tool's back, as someone with the sqlite3 shell would. */
  tamper(sql: string, ...params: unknown[]): void {
    if (this.db.startsWith('postgres://')) {
      psql(pgName(this.db), inline(sql, params));
      return;
    }
    const d = new Sqlite(this.db);
    try {
      d.prepare(sql).run(...params);
    } finally {
      d.close();
    }
  }

  /** The engine's own check: SQLite's integrity_check ('ok'); PostgreSQL keeps its files sound itself. */
  integrityCheck(): string {
    return this.db.startsWith('postgres://') ? 'ok' : this.query('PRAGMA integrity_check')[0].integrity_check;
  }

  /** A second shop holding a copy of this one's data (a file copy, or a database made from it). */
  clone(): Shop {
    const copy = new Shop({ engine: this.db.startsWith('postgres://') ? 'postgres' : 'sqlite' });
    if (this.db.startsWith('postgres://')) {
      psql('postgres', `DROP DATABASE ${pgName(copy.db)}`);
      copy.db = newPgDatabase(pgName(this.db));
    } else {
      copyFileSync(this.db, copy.db);
    }
    return copy;
  }

  cleanup(): void {
    if (this.db.startsWith('postgres://')) psql('postgres', `DROP DATABASE IF EXISTS ${pgName(this.db)} WITH (FORCE)`);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A standard order: 2 x Kaos at Rp 85.000, pickup 1 December. */
export function addKaos(shop: Shop, extra: string[] = []): any {
  return shop.okJson(['add', '--customer', 'Budi Santoso', '--phone', '0812-3456-7890', '--item', 'Kaos sablon:2:85.000', '--pickup', '2026-12-01', ...extra]);
}

/** Every table's columns and rows (in a fixed order): equal dumps mean an unchanged database. */
function pgDump(database: string): string {
  const tables = psql(database, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name").trim().split('\n').filter(Boolean);
  const parts = tables.map((t) => `SELECT '${t}' || E'\\n' || (SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = '${t}' AND table_schema = current_schema())
    || E'\\n' || coalesce((SELECT json_agg(x ORDER BY x::text)::text FROM "${t}" x), '[]')`);
  return psql(database, parts.join(' UNION ALL '));
}
