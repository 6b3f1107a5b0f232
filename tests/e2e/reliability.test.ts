import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ON_POSTGRES, Shop } from './harness.ts';

/**
 * Moments at which a command is killed. On PostgreSQL the server rolls back what a killed client
 * left open, so fewer moments cover its few outcomes (before, inside, after the transaction),
 * and each costs a database made from a template.
 */
const KILLS = ON_POSTGRES ? 8 : 20;

const BIN = resolve(import.meta.dirname, '../../bin/orders');

/** A seeded generator, so the "random" kill moments are the same on every run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts orders and SIGKILLs it after ms; resolves once it is gone. */
function killAfter(args: string[], ms: number): Promise<void> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore', env: { PATH: process.env.PATH, TZ: 'UTC' } });
    const timer = setTimeout(() => p.kill('SIGKILL'), ms);
    p.on('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/** 400 ready orders whose pickup passed, made through import (fast), plus their CSV. */
let base: Shop;
let csv: string;
beforeAll(() => {
  base = new Shop().init();
  base.ok(['config', 'set', 'storage.fee_per_day', '10.000']);
  const rows = ['external_ref,customer_name,phone,items,pickup_date,status,ready_on,paid,confirmed_on'];
  for (let i = 1; i <= 400; i++) rows.push(`R${i},Pelanggan ${i},+62812${10_000_000 + i},Kaos:2:50000,2026-11-${String(10 + (i % 10)).padStart(2, '0')},ready,2026-11-10,50000,2026-11-01`);
  csv = join(base.dir, 'orders.csv');
  writeFileSync(csv, `${rows.join('\n')}\n`);
  base.ok(['import', csv]);
  // The owner's routine: a sweep queues the overdue notices and `orders remind` prints them, so
  // the sweeps below may cancel (fair warning: never on a notice the customer did not get).
  base.ok(['sweep'], { now: '2026-11-20' });
  base.ok(['remind'], { now: '2026-11-20' });
});
afterAll(() => base.cleanup());

/** What every order's status and ledger say, in a form two databases can be compared by. */
function state(s: Shop) {
  return {
    orders: s.query('SELECT id, status, cancelled_by FROM orders ORDER BY id'),
    ledger: s.query('SELECT order_id, kind, amount, fee_date FROM ledger ORDER BY order_id, kind, fee_date, amount'),
  };
}

function consistent(s: Shop): void {
  expect(s.integrity()).toBe('ok');
  expect(spawnSync(process.execPath, [BIN, '--db', s.db, 'verify'], { encoding: 'utf8' }).status).toBe(0);
  // Ledger and status agree: a forfeit exactly for policy-cancelled orders, fees never past the cancel day.
  expect(s.query("SELECT count(*) AS n FROM orders o WHERE (o.status = 'cancelled') != EXISTS (SELECT 1 FROM ledger l WHERE l.order_id = o.id AND l.kind = 'forfeit')")[0].n).toBe(0);
  expect(s.query("SELECT count(*) AS n FROM ledger l JOIN orders o ON o.id = l.order_id WHERE l.kind = 'storage_fee' AND o.cancelled_on IS NOT NULL AND l.fee_date >= o.cancelled_on")[0].n).toBe(0);
}

describe('crashes', () => {
  it(`a sweep killed at ${KILLS} moments leaves a consistent database, and the next sweep finishes the work exactly once`, async () => {
    const reference = new Shop();
    reference.copyFrom(base);
    const first = reference.run(['sweep', '--json'], { now: '2026-11-22' }).json();
    expect(first.cancelled.length).toBeGreaterThan(100);
    const expected = state(reference);
    const start = Date.now();
    reference.ok(['sweep'], { now: '2026-11-23' });
    const duration = Date.now() - start;
    reference.cleanup();

    const rnd = seeded(7);
    for (let i = 0; i < KILLS; i++) {
      const s = new Shop();
      s.copyFrom(base);
      await killAfter(['--db', s.db, '--now', '2026-11-22', 'sweep'], Math.floor(rnd() * duration * 1.2));
      consistent(s);
      s.ok(['sweep'], { now: '2026-11-22' });
      expect(state(s)).toEqual(expected);
      expect(s.run(['sweep', '--json'], { now: '2026-11-22' }).json()).toMatchObject({ storage_fees_charged: 0, cancelled: [] });
      s.cleanup();
    }
    // 20 kills, each followed by a verify of the evidence chain and two sweeps: 38 s alone,
    // over a minute when the whole suite shares two cores.
  }, 180_000);

  it(`an import killed at ${KILLS} moments is never half-applied`, async () => {
    const probe = new Shop().init();
    const start = Date.now();
    probe.ok(['import', csv]);
    const duration = Date.now() - start;
    probe.cleanup();
    const rnd = seeded(11);
    for (let i = 0; i < KILLS; i++) {
      const s = new Shop().init();
      await killAfter(['--db', s.db, '--now', '2026-11-25', 'import', csv], Math.floor(rnd() * duration * 1.2));
      expect(s.integrity()).toBe('ok');
      const n = s.query('SELECT count(*) AS n FROM orders')[0].n;
      expect([0, 400]).toContain(n);
      expect(s.query('SELECT count(*) AS n FROM ledger')[0].n).toBe(n);
      s.ok(['import', csv]);
      expect(s.query('SELECT count(*) AS n FROM orders')[0].n).toBe(400);
      s.cleanup();
    }
  }, 180_000);
});

describe('concurrency', () => {
  it('a sweep and two writers at once: nothing is locked out, no write is lost', async () => {
    const s = new Shop();
    s.copyFrom(base);
    const env = { PATH: process.env.PATH, TZ: 'UTC' };
    const one = (args: string[]) => new Promise<{ code: number; err: string; out: string }>((done) => {
      const p = spawn(process.execPath, [BIN, '--db', s.db, ...args], { env });
      let err = '';
      let out = '';
      p.stderr.on('data', (d) => { err += d; });
      p.stdout.on('data', (d) => { out += d; });
      p.on('close', (code) => done({ code: code ?? -1, err, out }));
    });
    const until = Date.now() + 4000;
    const results: { code: number; err: string }[] = [];
    let added = 0;
    let paid = 0;
    const writer = async (w: number) => {
      for (let i = 0; Date.now() < until; i++) {
        const r = await one(['--now', '2026-11-20', 'add', '--customer', `Writer ${w}`, '--phone', `+6281399${w}${String(i).padStart(5, '0')}`, '--item', 'Mug:1:40000', '--pickup', '2026-12-01', '--json']);
        results.push(r);
        if (r.code !== 0) continue;
        added++;
        const id = JSON.parse(r.out).id;
        const p = await one(['--now', '2026-11-20', 'pay', String(id), '20000']);
        results.push(p);
        if (p.code === 0) paid++;
      }
    };
    const sweeper = async () => {
      for (let d = 11; Date.now() < until && d <= 30; d++) results.push(await one(['--now', `2026-11-${d}`, 'sweep']));
    };
    await Promise.all([writer(1), writer(2), sweeper()]);
    expect(results.filter((r) => r.code !== 0).map((r) => r.err)).toEqual([]);
    expect(results.some((r) => /locked|busy/i.test(r.err))).toBe(false);
    expect(added).toBeGreaterThan(2);
    expect(s.query("SELECT count(*) AS n FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE name LIKE 'Writer %')")[0].n).toBe(added);
    expect(s.query("SELECT count(*) AS n FROM ledger l JOIN orders o ON o.id = l.order_id JOIN customers c ON c.id = o.customer_id WHERE c.name LIKE 'Writer %' AND l.kind = 'payment'")[0].n).toBe(paid);
    consistent(s);
    s.cleanup();
  });
});

describe('hostile text', () => {
  it('SQL, shell and template syntax in customer text is stored and printed as text', () => {
    const s = new Shop().init();
    const marker = join(s.dir, 'pwned');
    const name = `Robert'); DROP TABLE orders;-- $(touch ${marker}) \`touch ${marker}\` {{shop_name}}`;
    const o = s.okJson(['add', '--customer', name, '--phone', '081234567890', '--item', `{{#has_order}}x{{/has_order}}:1:1000`, '--pickup', '2026-12-01', '--note', '"; rm -rf / #']);
    expect(o.customer.name).toBe(name);
    expect(o.items[0].description).toBe('{{#has_order}}x{{/has_order}}');
    const msg = s.run(['message', '1', 'confirmation-request', '--json']).json();
    expect(msg.text).toContain(`Halo Bapak/Ibu ${name},`);
    expect(msg.text).toContain('- 1 x {{#has_order}}x{{/has_order}}');
    const got = join(s.dir, 'name.txt');
    s.ok(['config', 'set', 'notify.command', `printf '%s' "$ORDERS_TO_NAME" > '${got}'`]);
    s.ok(['confirm', '1', '--via', 'phone', '--without-deposit']);
    expect(s.run(['remind', '--send', '--json'], { now: '2026-11-29' }).json()).toHaveLength(1);
    expect(readFileSync(got, 'utf8')).toBe(name);
    expect(existsSync(marker)).toBe(false);
    expect(s.query('SELECT count(*) AS n FROM orders')[0].n).toBe(1);
    expect(s.okJson(['show', '1']).note).toBe('"; rm -rf / #');
    rmSync(marker, { force: true });
    s.cleanup();
  });
});
