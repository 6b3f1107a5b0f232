import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/orders');
let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'orders-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [BIN, ...args], {
  env: { PATH: process.env.PATH, HOME: home, TZ: 'UTC', ...extra }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
});

describe('the first ten minutes', () => {
  it('`orders` alone tells where the database is and what to try, and creates nothing', () => {
    const r = run([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Database: ${join(home, '.local/share/orders/orders.db')} (created on first use)`);
    expect(r.stdout).toContain('orders demo');
    expect(existsSync(join(home, '.local/share/orders'))).toBe(false);
  });

  it('orders demo builds a sample shop whose today, remind and report agree', () => {
    const r = run(['--now', '2026-11-25', 'demo']);
    expect(r.status).toBe(0);
    const db = join(home, '.local/share/orders/demo.db');
    expect(r.stdout).toContain(`Built a sample shop in ${db}: 11 orders from 2026-11-11 to 2026-11-25`);
    const at = (...args: string[]) => run(['--db', db, '--now', '2026-11-25', ...args]);
    const today = JSON.parse(at('today', '--json').stdout);
    expect(today.pickups.map((o: any) => o.customer.name)).toEqual(['Sarah Johnson']);
    expect(today.overdue.map((o: any) => o.customer)).toEqual(['Agus Pratama']);
    expect(today.messages_due.map((m: any) => m.template).sort()).toEqual(['pickup-reminder', 'pickup-reminder']);
    expect(today).toMatchObject({ deposits_unpaid: [{ id: 11 }], complaints_open: 1, held: [], shop_late: [] });
    const remind = JSON.parse(at('remind', '--dry-run', '--json').stdout);
    expect(remind.map((m: any) => [m.order_id, m.template])).toEqual(today.messages_due.map((m: any) => [m.order_id, m.template]));
    const report = JSON.parse(at('report', '--from', '2026-11-11', '--json').stdout);
    expect(report).toMatchObject({ orders: 11, completed: 3, cancelled: { customer: 1, shop: 1, policy: 1 }, complaints: 1 });
    expect(at('show', '3').stdout).toContain('cancelled: by shop: stok kain batik motif parang habis dari pemasok');
    expect(run(['--now', '2026-11-25', 'demo']).status).toBe(0);
    const again = run(['--db', db, '--now', '2026-11-25', 'demo']);
    expect([again.status, again.stderr]).toEqual([1, 'orders: The demo needs a new, empty database; name one with --db (for example --db /tmp/toko-demo.db).\n']);
  });

  it('help groups the commands by the day and teaches each with two examples', () => {
    const help = run(['--help']).stdout;
    const order = ['Getting started:', 'Taking orders:', 'The pickup window:', 'When things go wrong:', 'Looking back:', 'Scripts:'].map((g) => help.indexOf(g));
    expect(order.every((i) => i >= 0)).toBe(true);
    for (const cmd of ['add', 'sweep', 'cancel', 'report', 'export', 'remind', 'deliver']) {
      const h = run([cmd, '--help']).stdout;
      expect(h.match(/^ {2}\$ orders /gm), cmd).toHaveLength(2);
    }
  });

  it('prints completion scripts for bash and zsh that the shells accept', () => {
    const bash = run(['completion', 'bash']).stdout;
    expect(bash).toContain('complete -F _orders orders');
    expect(spawnSync('bash', ['-n'], { input: bash }).status).toBe(0);
    const words = spawnSync('bash', ['-c', `${bash}\nCOMP_WORDS=(orders sw); COMP_CWORD=1; _orders; echo "\${COMPREPLY[@]}"`], { encoding: 'utf8' }).stdout.trim();
    expect(words).toBe('sweep');
    const msg = spawnSync('bash', ['-c', `${bash}\nCOMP_WORDS=(orders message 3 pickup-r); COMP_CWORD=3; _orders; echo "\${COMPREPLY[@]}"`], { encoding: 'utf8' }).stdout.trim();
    expect(msg).toBe('pickup-reminder');
    expect(run(['completion', 'zsh']).stdout).toMatch(/^#compdef orders/);
    expect(run(['completion', 'fish']).status).toBe(2);
  });
});
