import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll } from 'vitest';

export const BIN = resolve(import.meta.dirname, '../../bin/orders');

/**
 * The engine under test: SQLite files, or with ORDERS_TEST_PG=1 (the `postgres` project of
 * vitest.config.ts, a server from .ci/with-postgres) a new PostgreSQL database per shop.
 */
export const ON_POSTGRES = process.env.ORDERS_TEST_PG === '1';

/** Runs psql on the test server; stdin is the script. */
export function psql(script: string, database = 'postgres'): string {
  const r = spawnSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', database, '-f', '-'], {
    input: script, encoding: 'utf8', env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' },
  });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout;
}

/** A name and URL for a throwaway database on the test server, not created yet. */
function pgDatabaseName(): { name: string; url: string } {
  const name = `orders_e2e_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const { PGHOST = '127.0.0.1', PGPORT = '5432', PGUSER = 'postgres' } = process.env;
  return { name, url: `postgres://${encodeURIComponent(PGUSER)}@${PGHOST}:${PGPORT}/${name}` };
}

/** A throwaway database on the test server and its URL. */
export function newPgDatabase(): { name: string; url: string } {
  const db = pgDatabaseName();
  psql(`CREATE DATABASE ${db.name}`);
  return db;
}

/**
 * Databases of finished shops, dropped together when the test file ends: a psql per shop and
 * a drop while the next test waits cost ~0.1 s a shop, and there are hundreds.
 */
const finished: string[] = [];
/** Every shop of this test file, cleaned up after it whether or not the test did. */
const shops = new Set<Shop>();

/** A value as an SQL literal, for the tests' own statements on PostgreSQL. */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `'${String(v).replace(/'/g, "''")}'`;
}

/** `?` placeholders filled with literals (the tests' SQL never holds a literal `?`). */
function inline(sql: string, params: unknown[]): string {
  let i = 0;
  return sql.replace(/\?/g, () => literal(params[i++]));
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
  /** the PostgreSQL database behind this shop, when ON_POSTGRES (created when first used) */
  readonly pgName?: string;
  private pgCreated = false;
  private cleaned = false;
  db: string;
  now = '2026-11-25';
  env: NodeJS.ProcessEnv = {};

  constructor() {
    shops.add(this);
    if (ON_POSTGRES) {
      const { name, url } = pgDatabaseName();
      this.pgName = name;
      this.db = url;
    } else this.db = join(this.dir, 'orders.db');
  }

  /** Creates the shop's empty PostgreSQL database on first use; a shop made by copyFrom is created from its template instead. */
  private created(): this {
    // A test may point the shop at a file instead (db reassigned): no database is made then.
    if (this.pgName && !this.pgCreated && this.db.endsWith(`/${this.pgName}`)) {
      psql(`CREATE DATABASE ${this.pgName}`);
      this.pgCreated = true;
    }
    return this;
  }

  run(args: string[], opts: { now?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Result {
    this.created();
    const env = { PATH: process.env.PATH, HOME: this.dir, TZ: 'UTC', ...this.env, ...opts.env };
    const r = spawnSync(process.execPath, [BIN, '--db', this.db, '--now', opts.now ?? this.now, ...args], {
      // A night of thousands of messages takes seconds more on a server, where each query is a round trip.
      env, encoding: 'utf8', input: opts.input ?? '', timeout: ON_POSTGRES ? 120_000 : 20_000, maxBuffer: 64 * 1024 * 1024,
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

  /**
   * The standard shop, as `orders init` makes it. The first one in a test process is made by
   * the command and kept; the others are copies of it (a file copy, or a database made from it
   * as a template), which spares a process and, on PostgreSQL, the schema's DDL per test.
   */
  init(extra: string[] = []): this {
    const args = ['init', '--shop-name', 'Toko Maju', '--currency', 'IDR', '--locale', 'id', '--timezone', 'Asia/Jakarta', '--country-code', '62', ...extra];
    const key = JSON.stringify([args, this.now, this.env]);
    let made = initialised.get(key);
    if (!made) {
      made = new Shop();
      made.now = this.now;
      made.env = this.env;
      made.ok(args);
      initialised.set(key, made);
    }
    this.copyFrom(made);
    return this;
  }

  /** Every row of every table and the schema version: equal dumps mean an unchanged database. */
  dump(): string {
    if (this.pgName) return this.created().pgDump();
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

  /** Every table's rows in one psql run: the tables, then each one's rows as JSON. */
  private pgDump(): string {
    return psql(`SELECT format('SELECT %L, coalesce(json_agg(x ORDER BY x::text), ''[]'') FROM %I x', table_name, table_name)
      FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name \\gexec`, this.pgName);
  }

  /** The database file's bytes (and its WAL's), for "byte-for-byte unchanged"; on PostgreSQL, every row. */
  bytes(): string {
    if (this.pgName) return this.created().pgDump();
    const parts = [this.db, `${this.db}-wal`].map((f) => (existsSync(f) ? createHash('sha256').update(readFileSync(f)).digest('hex') : 'none'));
    return parts.join(' ');
  }

  query<T = any>(sql: string, ...params: unknown[]): T[] {
    if (this.pgName) return JSON.parse(psql(`SELECT coalesce(json_agg(x), '[]') FROM (${inline(sql, params)}) x`, this.created().pgName)) as T[];
    const d = new Sqlite(this.db, { readonly: true });
    try {
      return d.prepare(sql).all(...params) as T[];
    } finally {
      d.close();
    }
  }

  /** Writes to the file behind the tool's back, as someone with the sqlite3 shell would. */
  tamper(sql: string, ...params: unknown[]): void {
    if (this.pgName) {
      psql(inline(sql, params), this.created().pgName);
      return;
    }
    const d = new Sqlite(this.db);
    try {
      d.prepare(sql).run(...params);
    } finally {
      d.close();
    }
  }

  /** Runs several statements in one go, as tamper does one. */
  tamperAll(statements: [string, ...unknown[]][]): void {
    if (this.pgName) {
      psql(`BEGIN;\n${statements.map(([sql, ...params]) => `${inline(sql, params)};`).join('\n')}\nCOMMIT;`, this.created().pgName);
      return;
    }
    const d = new Sqlite(this.db);
    try {
      d.transaction(() => { for (const [sql, ...params] of statements) d.prepare(sql).run(...params); })();
    } finally {
      d.close();
    }
  }

  /** This shop becomes a copy of another: its file copied, or a database made from the other as a template. */
  copyFrom(other: Shop): void {
    if (this.pgName) {
      other.created();
      psql(`${this.pgCreated ? `DROP DATABASE ${this.pgName} WITH (FORCE);\n` : ''}CREATE DATABASE ${this.pgName} TEMPLATE ${other.pgName}`);
      this.pgCreated = true;
    } else copyFileSync(other.db, this.db);
  }

  /** SQLite's integrity_check ('ok' when sound); PostgreSQL checks its pages itself. */
  integrity(): string {
    return this.pgName ? 'ok' : this.query('PRAGMA integrity_check')[0].integrity_check;
  }

  /** Removes the shop's directory and, at the end of the file, its database (the harness does it for a test that does not). */
  cleanup(): void {
    if (this.cleaned) return;
    this.cleaned = true;
    if (this.pgName && this.pgCreated) finished.push(this.pgName);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Shops made by `orders init` in this test file, by their arguments: the originals init() copies. */
const initialised = new Map<string, Shop>();
// Registered as the harness is imported, so it runs after every test file that uses it (vitest
// ends its worker processes without an 'exit' event).
afterAll(() => {
  for (const shop of shops) shop.cleanup();
  shops.clear();
  initialised.clear();
  if (finished.length) psql(finished.splice(0).map((name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE);`).join('\n'));
});

/** A standard order: 2 x Kaos at Rp 85.000, pickup 1 December. */
export function addKaos(shop: Shop, extra: string[] = []): any {
  return shop.okJson(['add', '--customer', 'Budi Santoso', '--phone', '0812-3456-7890', '--item', 'Kaos sablon:2:85.000', '--pickup', '2026-12-01', ...extra]);
}
