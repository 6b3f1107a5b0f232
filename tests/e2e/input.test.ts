import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKaos, Shop } from './harness.ts';

let shop: Shop;
beforeAll(() => {
  shop = new Shop().init();
  addKaos(shop);
  shop.ok(['pay', '1', '85000']);
});
afterAll(() => shop.cleanup());

const add = (over: Record<string, string>) => {
  const base: Record<string, string> = { '--customer': 'Ani', '--phone': '081211112222', '--item': 'Mug:2:40.000', '--pickup': '2026-12-03' };
  return ['add', ...Object.entries({ ...base, ...over }).flat()];
};

describe('bad input exits 2 with one sentence and leaves the database as it was', () => {
  it.each([
    ['bad date', add({ '--pickup': '2026-02-30' }), /Invalid pickup date "2026-02-30": use YYYY-MM-DD/],
    ['past date', add({ '--pickup': '2026-11-01' }), /before today/],
    ['bad amount', ['pay', '1', '12,5'], /Invalid payment amount "12,5"/],
    ['zero payment', ['pay', '1', '0'], /more than zero/],
    ['bad percent', add({ '--deposit': '120%' }), /Invalid deposit "120%"/],
    ['percent under minimum', add({ '--deposit': '10%' }), /below the shop's minimum of 30%/],
    ['bad phone', add({ '--phone': '12345' }), /Invalid phone number "12345"/],
    ['item without price', add({ '--item': 'Mug:2' }), /Invalid item "Mug:2"/],
    ['item with empty price', add({ '--item': 'Mug:2:' }), /unit price is missing/],
    ['bad quantity', add({ '--item': 'Mug:dua:40000' }), /Invalid quantity "dua"/],
    ['unknown flag', ['show', '1', '--colour'], /unknown option '--colour'/],
    ['unknown command', ['explode'], /unknown command 'explode'/],
    ['bad order id', ['show', 'abc'], /Invalid order id "abc"/],
    ['bad method', ['pay', '1', '1000', '--method', 'bitcoin'], /Allowed choices are cash, transfer, card, other/],
    ['missing fields', ['add', '--customer', 'Ani'], /Missing --phone PHONE, --item "DESCRIPTION:QUANTITY:UNIT_PRICE", --pickup DATE/],
    ['bad --now', ['--now', 'yesterday', 'list'], /Invalid --now "yesterday"/],
    ['bad --lang', ['--lang', 'fr', 'list'], /Allowed choices are en, id/],
    ['bad status', ['list', '--status', 'lost'], /Invalid status "lost"/],
    ['bad limit', ['list', '--limit', '-3'], /Invalid --limit "-3"/],
    ['bad config key', ['config', 'set', 'storage.fee', '1'], /Unknown setting "storage.fee"/],
    ['bad config value', ['config', 'set', 'pickup.grace_days', 'two'], /Invalid value "two" for pickup.grace_days/],
    ['bad money setting', ['config', 'set', 'storage.fee_per_day', '-5'], /Invalid amount for storage.fee_per_day "-5"/],
    ['bad refund', ['cancel', '1', '--by', 'customer', '--reason', 'x', '--refund', 'half', '--yes'], /Invalid refund "half"/],
    ['bad cancel by', ['cancel', '1', '--by', 'policy', '--reason', 'x', '--yes'], /Allowed choices are customer, shop/],
    ['bad input on a final state still exits 2', ['pay', '1', 'lots'], /Invalid payment amount/],
  ])('%s', (_name, args, message) => {
    const before = shop.dump();
    const r = shop.run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(shop.dump()).toBe(before);
  });

  it('an unknown order is refused with exit 1', () => {
    const before = shop.dump();
    for (const args of [['show', '99'], ['pay', '99', '1000'], ['cancel', '99', '--by', 'shop', '--reason', 'x', '--yes']]) {
      const r = shop.run(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('orders: Order 99 does not exist; `orders list` shows the orders.\n');
    }
    expect(shop.dump()).toBe(before);
  });

  it('an overpayment is refused with exit 1', () => {
    const r = shop.run(['pay', '1', '100.000']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has Rp 85\.000 left to pay/);
  });

  it('shows a stack trace only with DEBUG set', () => {
    const r = shop.run(['pay', '1', 'x'], { env: { DEBUG: '1' } });
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('the database file', () => {
  const BIN = resolve(import.meta.dirname, '../../bin/orders');
  const bare = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [BIN, '--now', '2026-11-25', ...args], { env: { PATH: process.env.PATH, HOME: shop.dir, ...env }, encoding: 'utf8' });

  it('defaults to $XDG_DATA_HOME/orders/orders.db and honours ORDERS_DB', () => {
    const xdg = join(shop.dir, 'xdg');
    expect(bare(['list', '--json'], { XDG_DATA_HOME: xdg }).status).toBe(0);
    expect(statSync(join(xdg, 'orders', 'orders.db')).mode & 0o777).toBe(0o600);
    expect(bare(['list', '--json'], {}).status).toBe(0);
    expect(statSync(join(shop.dir, '.local', 'share', 'orders', 'orders.db')).isFile()).toBe(true);
    const r = bare(['show', '1', '--json'], { ORDERS_DB: shop.db });
    expect(JSON.parse(r.stdout).customer.name).toBe('Budi Santoso');
  });

  it('refuses a file that is not SQLite, and a missing directory, with exit 2', () => {
    const junk = join(shop.dir, 'notes.db');
    writeFileSync(junk, 'this is not a database, just some notes that happen to be long enough '.repeat(20));
    let r = bare(['--db', junk, 'list'], {});
    expect([r.status, r.stderr]).toEqual([2, `orders: ${junk} is not an orders database (it is not an SQLite file).\n`]);
    r = bare(['--db', join(shop.dir, 'nope', 'o.db'), 'list'], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the directory .*nope does not exist/);
  });
});
