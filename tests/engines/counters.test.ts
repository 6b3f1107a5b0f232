import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Shop } from '../e2e/harness.js';

const COUNTERS = 4;
const ORDERS_EACH = 250;
const SHARED = 20;
const here = import.meta.dirname;
const worker = resolve(here, '.build/counter.cjs');

/** Runs a process to its end; resolves with its exit code and stdout. */
function finish(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, args, { env: { PATH: process.env.PATH, TZ: 'UTC' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (code) => done({ code: code ?? -1, out, err }));
  });
}

describe('four counters and three crons on one PostgreSQL database', () => {
  const shop = new Shop({ engine: 'postgres' });
  beforeAll(async () => {
    mkdirSync(resolve(here, '.build'), { recursive: true });
    // The counter runs the real command code in one process per counter (a spawn per command
    // would measure Node's start-up, not the database).
    await build({
      entryPoints: [resolve(here, 'counter.ts')], outfile: worker, bundle: true, format: 'cjs', platform: 'node', target: 'node20',
      external: ['better-sqlite3', '@inquirer/prompts', 'pg', 'pg-cursor', 'pg-connection-string', 'pgpass', 'pg-native'],
      define: { 'import.meta.url': '__orders_url' },
      banner: { js: "const __orders_url = require('node:url').pathToFileURL(__filename).href;" },
      logLevel: 'warning',
    });
  });
  afterAll(() => shop.cleanup());

  it('lose no write, charge no fee twice, take no payment twice; the evidence chain stays linear', async () => {
    shop.init();
    shop.ok(['config', 'set', 'storage.fee_per_day', '10.000']);
    // Orders every counter will try to pay in full at once, and ready orders for the crons to charge.
    const shared: number[] = [];
    for (let i = 0; i < SHARED; i++) {
      shared.push(shop.okJson(['add', '--customer', `Shared ${i}`, '--phone', `+628120000${String(i).padStart(4, '0')}`, '--item', 'Kaos:2:85.000', '--pickup', '2026-11-26']).id);
    }
    for (const id of shared.slice(0, 10)) {
      shop.ok(['pay', String(id), '85.000']);
      shop.ok(['confirm', String(id), '--via', 'whatsapp']);
      shop.ok(['ready', String(id)]);
    }

    const started = Date.now();
    const runs = await Promise.all(Array.from({ length: COUNTERS }, (_, c) =>
      finish([worker, shop.db, String(c + 1), String(ORDERS_EACH), shared.slice(10).join(',')])));
    const seconds = (Date.now() - started) / 1000;
    const results = runs.map((r) => {
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out.trim().split('\n').pop()!);
    });
    const added = results.flatMap((r) => r.added as number[]);
    console.log(`${COUNTERS} counters x ${ORDERS_EACH} orders (add, pay, confirm): ${added.length} orders in ${seconds.toFixed(1)} s, ${(added.length / seconds).toFixed(1)} orders/s`);

    // No lost writes: every order added exactly once, with its one payment and its confirmation.
    expect(results.reduce((n, r) => n + r.failed, 0)).toBe(0);
    expect(new Set(added).size).toBe(COUNTERS * ORDERS_EACH);
    expect(shop.query("SELECT count(*) AS n FROM orders WHERE status = 'confirmed' AND customer_id IN (SELECT id FROM customers WHERE name LIKE 'Counter %')")[0].n).toBe(COUNTERS * ORDERS_EACH);
    expect(shop.query("SELECT count(*) AS n FROM ledger l JOIN orders o ON o.id = l.order_id JOIN customers c ON c.id = o.customer_id WHERE c.name LIKE 'Counter %' AND l.kind = 'payment'")[0].n).toBe(COUNTERS * ORDERS_EACH);
    // Ids are dense, as on SQLite: nothing was skipped or taken twice.
    expect(shop.query('SELECT count(*) AS n, max(id) AS m FROM orders')[0]).toEqual({ n: SHARED + COUNTERS * ORDERS_EACH, m: SHARED + COUNTERS * ORDERS_EACH });

    // No overpayment: each shared order was paid in full by exactly one counter, the others refused.
    const paid = results.flatMap((r) => r.paid as number[]).sort((a, b) => a - b);
    expect(paid).toEqual(shared.slice(10));
    expect(results.flatMap((r) => r.refused as number[])).toHaveLength((COUNTERS - 1) * (SHARED - 10));
    expect(shop.query(`SELECT order_id, sum(amount) AS paid FROM ledger WHERE kind = 'payment' AND order_id IN (${shared.slice(10).join(',')}) GROUP BY order_id HAVING sum(amount) > 170000`)).toEqual([]);

    // Three crons fire at once on a night with fees due: one set of fees, one notice per order.
    const sweeps = await Promise.all([1, 2, 3].map(() => finish([resolve(here, '../../bin/orders'), '--db', shop.db, '--now', '2026-12-01', 'sweep', '--json'])));
    for (const s of sweeps) expect(s.code, s.err).toBe(0);
    const summaries = sweeps.map((s) => JSON.parse(s.out));
    expect(summaries.map((s) => s.run_of_day).sort()).toEqual([1, 2, 3]);
    expect(summaries.reduce((n, s) => n + s.storage_fees_charged, 0)).toBe(10 * 3);
    expect(shop.query("SELECT count(*) AS n FROM ledger WHERE kind = 'storage_fee'")[0].n).toBe(10 * 3);
    expect(shop.query("SELECT count(*) AS n FROM (SELECT order_id, fee_date FROM ledger WHERE kind = 'storage_fee' GROUP BY order_id, fee_date HAVING count(*) > 1) d")[0].n).toBe(0);
    expect(shop.query("SELECT runs FROM sweep_runs WHERE day = '2026-12-01'")).toEqual([{ runs: 3 }]);

    // One linear evidence chain: verify walks it from the first entry to the last.
    const verify = shop.run(['verify', '--json']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.json().evidence_head.count).toBe(shop.query('SELECT count(*) AS n FROM evidence')[0].n);
    expect(shop.query('SELECT count(*) AS n, max(seq) AS m FROM evidence')[0]).toEqual({ n: verify.json().evidence_head.count, m: verify.json().evidence_head.count });
  }, 1_800_000);
});
