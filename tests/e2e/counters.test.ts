import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ON_POSTGRES, Shop } from './harness.js';

const WORKER = resolve(import.meta.dirname, 'counter-worker.cjs');
const BIN = resolve(import.meta.dirname, '../../bin/orders');
/** Orders each counter takes: 250 on PostgreSQL (SPEC 13's several counters), fewer on one SQLite file. */
const PER_COUNTER = ON_POSTGRES ? 250 : 50;
const COUNTERS = 4;

interface WorkerResult { ids: number[]; ok: number[]; refused: number[]; failures: string[]; ms: number }

/** Starts a process and resolves with its exit code and output (async: several run at once). */
function start(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [file, ...args], { env: { PATH: process.env.PATH, TZ: 'UTC', HOME: process.env.HOME } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', fail);
    p.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

async function workers(jobs: object[]): Promise<WorkerResult[]> {
  const runs = await Promise.all(jobs.map((job) => start(WORKER, [JSON.stringify(job)])));
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
  return runs.map((r) => JSON.parse(r.stdout) as WorkerResult);
}

let shop: Shop;
let taken: WorkerResult[];

beforeAll(async () => {
  shop = new Shop().init();
  shop.ok(['config', 'set', 'storage.fee_per_day', '10.000']);
  taken = await workers(Array.from({ length: COUNTERS }, (_, c) => ({ db: shop.db, now: '2026-11-25', take: { counter: c + 1, n: PER_COUNTER } })));
}, 600_000);
afterAll(() => shop.cleanup());

describe(`${COUNTERS} counters at once, ${PER_COUNTER} orders each (SPEC 13)`, () => {
  it('lose no write: every order, payment and confirmation is there, once, under its own id', () => {
    const n = COUNTERS * PER_COUNTER;
    expect(taken.flatMap((t) => t.failures)).toEqual([]);
    const ids = taken.flatMap((t) => t.ids).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(shop.query("SELECT status, COUNT(*) AS n FROM orders GROUP BY status")).toEqual([{ status: 'confirmed', n }]);
    expect(shop.query('SELECT COUNT(*) AS n FROM customers')[0].n).toBe(n);
    const paid = shop.query("SELECT order_id, SUM(amount) AS s, COUNT(*) AS k FROM ledger WHERE kind = 'payment' GROUP BY order_id HAVING SUM(amount) <> 85000 OR COUNT(*) <> 1");
    expect(paid).toEqual([]);
    expect(shop.query("SELECT COUNT(*) AS n FROM ledger WHERE kind = 'payment'")[0].n).toBe(n);
    const seconds = Math.max(...taken.map((t) => t.ms)) / 1000;
    console.log(`${n} orders (add, pay, confirm) by ${COUNTERS} counters in ${seconds.toFixed(1)} s: ${(n / seconds).toFixed(1)} orders per second`);
  });

  it('take no overpayment: four counters settling the same orders at once take each balance once', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => i + 1);
    const r = await workers(Array.from({ length: COUNTERS }, () => ({ db: shop.db, now: '2026-11-26', each: { ids, args: ['pay', '{id}', '85.000', '--method', 'cash'] } })));
    expect(r.flatMap((x) => x.failures)).toEqual([]);
    expect(r.flatMap((x) => x.ok).sort((a, b) => a - b)).toEqual(ids);
    expect(r.flatMap((x) => x.refused)).toHaveLength(ids.length * (COUNTERS - 1));
    const over = shop.query("SELECT order_id FROM ledger WHERE kind = 'payment' GROUP BY order_id HAVING SUM(amount) > 170000");
    expect(over).toEqual([]);
  });

  it('sweep once: three sweeps at the same moment charge each storage fee once, and the chain stays linear', async () => {
    const ready = Array.from({ length: 20 }, (_, i) => i + 11);
    const r = await workers([{ db: shop.db, now: '2026-11-30', each: { ids: ready, args: ['ready', '{id}'] } }]);
    expect(r[0]!.ok).toEqual(ready);
    const sweeps = await Promise.all([1, 2, 3].map(() => start(BIN, ['--db', shop.db, '--now', '2026-12-06', 'sweep', '--json'])));
    for (const s of sweeps) expect([s.code, s.stderr]).toEqual([0, '']);
    const summaries = sweeps.map((s) => JSON.parse(s.stdout)).sort((a, b) => a.run_of_day - b.run_of_day);
    expect(summaries.map((s) => s.run_of_day)).toEqual([1, 2, 3]);
    // The free hold ends on 3 December: 4, 5 and 6 December are charged, by the first sweep only.
    expect(summaries.map((s) => s.storage_fees_charged)).toEqual([ready.length * 3, 0, 0]);
    expect(shop.query("SELECT COUNT(*) AS n FROM ledger WHERE kind = 'storage_fee'")[0].n).toBe(ready.length * 3);
    expect(shop.query("SELECT COUNT(*) AS n FROM outbox WHERE template = 'pickup-overdue'")[0].n).toBe(ready.length);
    const verify = shop.run(['verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Evidence chain: \d+ entries, intact/);
    const last = summaries[2]!.evidence_head;
    expect(verify.stdout).toContain(`Head: ${last.count}:${last.hash}`);
  });
});
