import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';

const BIN = resolve(import.meta.dirname, '../../bin/orders');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
  json: () => any;
}

/** A shop on a temporary database; every run passes --db and --now. */
export class Shop {
  readonly dir = mkdtempSync(join(tmpdir(), 'orders-e2e-'));
  db = join(this.dir, 'orders.db');
  now = '2026-11-25';
  env: NodeJS.ProcessEnv = {};

  run(args: string[], opts: { now?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Result {
    const env = { PATH: process.env.PATH, HOME: this.dir, TZ: 'UTC', ...this.env, ...opts.env };
    const r = spawnSync(process.execPath, [BIN, '--db', this.db, '--now', opts.now ?? this.now, ...args], {
      env, encoding: 'utf8', input: opts.input ?? '', timeout: 20_000, maxBuffer: 64 * 1024 * 1024,
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
    const parts = [this.db, `${this.db}-wal`].map((f) => (existsSync(f) ? createHash('sha256').update(readFileSync(f)).digest('hex') : 'none'));
    return parts.join(' ');
  }

  query<T = any>(sql: string, ...params: unknown[]): T[] {
    const d = new Sqlite(this.db, { readonly: true });
    try {
      return d.prepare(sql).all(...params) as T[];
    } finally {
      d.close();
    }
  }

  /** Writes to the file behind the tool's back, as someone with the sqlite3 shell would. */
  tamper(sql: string, ...params: unknown[]): void {
    const d = new Sqlite(this.db);
    try {
      d.prepare(sql).run(...params);
    } finally {
      d.close();
    }
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A standard order: 2 x Kaos at Rp 85.000, pickup 1 December. */
export function addKaos(shop: Shop, extra: string[] = []): any {
  return shop.okJson(['add', '--customer', 'Budi Santoso', '--phone', '0812-3456-7890', '--item', 'Kaos sablon:2:85.000', '--pickup', '2026-12-01', ...extra]);
}
