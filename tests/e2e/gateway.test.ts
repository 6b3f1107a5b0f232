import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Shop } from './harness.ts';

const BIN = resolve(import.meta.dirname, '../../bin/orders');

/** Three confirmed orders for pickup on 1 December: three H-2 reminders due on 29 November. */
let shop: Shop;
let delivered: string;
beforeEach(() => {
  shop = new Shop().init();
  delivered = join(shop.dir, 'delivered');
  for (const [name, phone] of [['Budi', '081234567890'], ['Siti', '081298765432'], ['Joko', '081311112222']]) {
    const o = shop.okJson(['add', '--customer', name!, '--phone', phone!, '--item', 'Kaos:2:85.000', '--pickup', '2026-12-01']);
    shop.ok(['pay', String(o.id), '85.000']);
    shop.ok(['confirm', String(o.id), '--via', 'whatsapp']);
  }
});
afterEach(() => shop.cleanup());

function gateway(body: string): void {
  shop.ok(['config', 'set', 'notify.command', `${body}; echo "$ORDERS_ORDER_ID" >> '${delivered}'`]);
}

const queued = () => shop.query("SELECT order_id, attempts, last_error FROM outbox WHERE status = 'queued' ORDER BY order_id");

describe('notify.command that misbehaves (SPEC 12)', () => {
  it('a program that hangs is killed after notify.timeout_seconds and its message stays queued', () => {
    shop.ok(['config', 'set', 'notify.timeout_seconds', '1']);
    shop.ok(['config', 'set', 'notify.command', 'cat > /dev/null; sleep 60']);
    const started = Date.now();
    const r = shop.run(['remind', '--send'], { now: '2026-11-29' });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('could not send pickup-reminder for order 1 to +6281234567890 (timed out after 1 s (notify.timeout_seconds)); it stays queued');
    expect(queued()).toEqual([1, 2, 3].map((id) => ({ order_id: id, attempts: 1, last_error: 'timed out after 1 s (notify.timeout_seconds)' })));
  });

  it('a program that exits 0 without reading its input has sent', () => {
    gateway('exec 0<&-; sleep 0.2');
    expect(shop.run(['remind', '--send', '--json'], { now: '2026-11-29' }).json()).toHaveLength(3);
    expect(queued()).toEqual([]);
    expect(readFileSync(delivered, 'utf8')).toBe('1\n2\n3\n');
  });

  it('a program that prints 2 MB and exits 0 has sent', () => {
    gateway("head -c 2000000 /dev/zero | tr '\\0' x; cat > /dev/null");
    const r = shop.run(['remind', '--send'], { now: '2026-11-29' });
    expect([r.code, r.stdout.length < 1000]).toEqual([0, true]);
    expect(queued()).toEqual([]);
  });

  it('remind --send killed mid-run: across the runs each message is delivered exactly once', async () => {
    const flag = join(shop.dir, 'hung');
    // The second message's program hangs on the first run (it has not sent); the kill comes then.
    gateway(`cat > /dev/null; if [ "$ORDERS_ORDER_ID" = 2 ] && [ ! -e '${flag}' ]; then echo $$ > '${flag}'; sleep 60; fi`);
    const p = spawn(process.execPath, [BIN, '--db', shop.db, '--now', '2026-11-29', 'remind', '--send'], { stdio: 'ignore', env: { PATH: process.env.PATH, TZ: 'UTC', HOME: shop.dir } });
    const exited = new Promise((done) => p.on('exit', done));
    for (let i = 0; i < 200 && !existsSync(flag); i++) await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(flag, 'utf8')).toMatch(/^\d+/);
    p.kill('SIGKILL');
    await exited;
    process.kill(-Number(readFileSync(flag, 'utf8')), 'SIGKILL');
    expect(readFileSync(delivered, 'utf8')).toBe('1\n');
    expect(queued().map((q) => q.order_id)).toEqual([2, 3]);
    expect(shop.run(['remind', '--send'], { now: '2026-11-29' }).code).toBe(0);
    expect(readFileSync(delivered, 'utf8')).toBe('1\n2\n3\n');
    expect(shop.query("SELECT count(*) AS n FROM communications WHERE channel = 'notify'")[0].n).toBe(3);
    expect(shop.run(['verify']).code).toBe(0);
  });

  it('notify.timeout_seconds states its range', () => {
    const before = shop.dump();
    for (const bad of ['0', '-5', '1.5', 'soon', '86401']) {
      const r = shop.run(['config', 'set', 'notify.timeout_seconds', bad]);
      expect([r.code, r.stderr]).toEqual([2, `orders: Invalid value "${bad}" for notify.timeout_seconds: use a whole number of seconds from 1 to 86400.\n`]);
    }
    expect(shop.dump()).toBe(before);
  });
});
