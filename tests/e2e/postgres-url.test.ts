import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPgDatabase, psql } from './harness.ts';

const BIN = resolve(import.meta.dirname, '../../bin/orders');
const { PGHOST = '127.0.0.1', PGPORT = '5432' } = process.env;
/** The role .ci/with-postgres makes give a password (its pg_hba.conf line). */
const ROLE = 'orders_pw';
const SECRET = 'kata-sandi-rahasia';

const home = mkdtempSync(join(tmpdir(), 'orders-pgurl-'));
let db: { name: string; url: string };
let url: string;

function orders(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, '--now', '2026-11-25', ...args], {
    env: { PATH: process.env.PATH, HOME: home, TZ: 'UTC', ...env }, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  db = newPgDatabase();
  psql(`DROP ROLE IF EXISTS ${ROLE}; CREATE ROLE ${ROLE} LOGIN PASSWORD '${SECRET}'; GRANT ALL ON DATABASE ${db.name} TO ${ROLE}; ALTER DATABASE ${db.name} OWNER TO ${ROLE};`);
  url = `postgres://${ROLE}@${PGHOST}:${PGPORT}/${db.name}`;
});
afterAll(() => {
  psql(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE); DROP ROLE IF EXISTS ${ROLE};`);
  rmSync(home, { recursive: true, force: true });
});

describe('a postgres:// database (SPEC 13)', () => {
  it('takes the password from PGPASSWORD, through --db or ORDERS_DB', () => {
    const init = orders(['--db', url, 'init', '--shop-name', 'Toko Maju', '--currency', 'IDR', '--locale', 'id', '--timezone', 'Asia/Jakarta'], { PGPASSWORD: SECRET });
    expect([init.code, init.stderr]).toEqual([0, '']);
    expect(init.stdout).toMatch(new RegExp(`^Created ${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\n`));
    const listed = orders(['list', '--json'], { PGPASSWORD: SECRET, ORDERS_DB: url });
    expect([listed.code, listed.stdout]).toEqual([0, '[]\n']);
  });

  it('takes it from ~/.pgpass', () => {
    writeFileSync(join(home, '.pgpass'), `${PGHOST}:${PGPORT}:${db.name}:${ROLE}:${SECRET}\n`, { mode: 0o600 });
    try {
      const r = orders(['--db', url, 'config', 'get', 'shop.name']);
      expect([r.code, r.stdout, r.stderr]).toEqual([0, 'Toko Maju\n', '']);
    } finally {
      rmSync(join(home, '.pgpass'));
    }
  });

  it('never prints a password, whether it is right or wrong', () => {
    const withPassword = url.replace(`${ROLE}@`, `${ROLE}:${SECRET}@`);
    const right = orders(['--db', withPassword, 'add', '--customer', 'Budi', '--phone', '0812-3456-7890', '--item', 'Kaos:1:85.000', '--pickup', '2026-12-01']);
    expect(right.code).toBe(0);
    const shown = orders(['--db', withPassword, 'backup', join(home, 'copy.db')]);
    expect(shown.stdout).toBe(`Backed up ${url} to ${join(home, 'copy.db')} (${/\((\d+) pages\)/.exec(shown.stdout)?.[1]} pages).\n`);
    const wrong = orders(['--db', url.replace(`${ROLE}@`, `${ROLE}:salah-${SECRET}@`), 'list']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`orders: Cannot connect to PostgreSQL at ${PGHOST}:${PGPORT}, database ${db.name}: the server refused the user name or password.\n`);
    const bare = spawnSync(process.execPath, [BIN], { env: { PATH: process.env.PATH, HOME: home, ORDERS_DB: withPassword }, encoding: 'utf8' });
    expect(bare.stdout).toContain(`\nDatabase: ${url}\n`);
    for (const r of [right, shown, wrong, { stdout: bare.stdout, stderr: bare.stderr }]) expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('takes the password as ?password= too, and prints the URL without it', () => {
    const query = `${url}?password=${SECRET}`;
    const r = orders(['--db', query, 'backup', join(home, 'query.db')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Backed up ${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} to `));
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('refuses a URL that names no database, rather than set a shop up in the server\'s own', () => {
    const before = psql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
    for (const bare of [`postgres://${ROLE}:${SECRET}@${PGHOST}:${PGPORT}`, `postgres://${ROLE}:${SECRET}@${PGHOST}:${PGPORT}/`]) {
      const r = orders(['--db', bare, 'list']);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `orders: The URL ${bare.replace(`:${SECRET}`, '')} names no database; add one, as in postgres://USER@HOST:PORT/DB.\n`]);
    }
    expect(psql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).toBe(before);
  });

  it('names host, port and database when no server answers, in one sentence with exit 1', () => {
    const r = orders(['--db', `postgres://${ROLE}:${SECRET}@127.0.0.1:1/toko`, 'list']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe('orders: Cannot connect to PostgreSQL at 127.0.0.1:1, database toko: the connection was refused (is the server running, and on that port?).\n');
  });

  it('refuses a database that holds another program\'s tables, leaving it as it was', () => {
    const other = newPgDatabase();
    try {
      psql('CREATE TABLE notes (id int, text text); INSERT INTO notes VALUES (1, \'ours\');', other.name);
      const r = orders(['--db', other.url, 'list']);
      expect([r.code, r.stderr]).toEqual([2, `orders: PostgreSQL at ${PGHOST}:${PGPORT}, database ${other.name} holds other tables and is not an orders database; it was left as it was.\n`]);
      expect(psql('SELECT table_name FROM information_schema.tables WHERE table_schema = \'public\'', other.name)).toBe('notes\n');
    } finally {
      psql(`DROP DATABASE IF EXISTS ${other.name} WITH (FORCE)`);
    }
  });

  it('a connection lost half-way is one sentence, and what was not committed is not there', async () => {
    const shop = newPgDatabase();
    try {
      const rows = Array.from({ length: 1_500 }, (_, i) => `Pelanggan ${i},+62813${String(20_000_000 + i)},Kaos:1:85000,2026-11-27,confirmed,2026-11-20,42500`);
      writeFileSync(join(home, 'night.csv'), `customer_name,phone,items,pickup_date,status,confirmed_on,paid\n${rows.join('\n')}\n`);
      for (const args of [['init', '--shop-name', 'Toko Maju', '--currency', 'IDR', '--locale', 'id', '--timezone', 'Asia/Jakarta'], ['import', join(home, 'night.csv')]]) {
        expect(orders(['--db', shop.url, ...args]).code).toBe(0);
      }
      const before = psql('SELECT count(*) FROM communications', shop.name);
      const remind = spawn(process.execPath, [BIN, '--db', shop.url, '--now', '2026-11-25', 'remind'], { env: { PATH: process.env.PATH, HOME: home, TZ: 'UTC' } });
      let stderr = '';
      remind.stderr.on('data', (d) => (stderr += d));
      const code = new Promise<number>((done) => remind.on('close', (c) => done(c ?? -1)));
      // The server ends the command's session once it is writing the night's messages.
      for (let ended = ''; ended !== 't';) {
        await new Promise((r) => setTimeout(r, 100));
        ended = psql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${shop.name}' AND pid <> pg_backend_pid() AND now() - xact_start > interval '300 milliseconds' LIMIT 1`).trim();
      }
      expect(await code).toBe(1);
      expect(stderr).toBe(`orders: Lost the connection to PostgreSQL at ${PGHOST}:${PGPORT}, database ${shop.name} while the command ran; what it had not committed was rolled back by the server, so check with \`orders show\` before running it again.\n`);
      expect(psql('SELECT count(*) FROM communications', shop.name)).toBe(before);
    } finally {
      psql(`DROP DATABASE IF EXISTS ${shop.name} WITH (FORCE)`);
    }
  });
});
