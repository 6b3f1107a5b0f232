import { spawnSync } from 'node:child_process';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKaos, ON_POSTGRES, psql, Shop } from './harness.ts';

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
    ['amount with letters', ['pay', '1', 'sepuluh ribu'], /Invalid payment amount "sepuluh ribu": use a non-negative number such as 1500000, 1.500.000, Rp 85.000, 85rb, 85 ribu, 1,5jt or 2 juta\.\n$/],
    ['negative payment', ['pay', '1', '-5000'], /Invalid payment amount "-5000"/],
    ['order id zero', ['pay', '0', '1000'], /Invalid order id "0"/],
    ['order id negative', ['show', '-1'], /Invalid order id "-1"/],
    ['missing order id', ['show'], /missing required argument 'id'/],
    ['confirm without --via', ['confirm', '1'], /required option '--via <channel>' not specified/],
    ['confirm bad channel', ['confirm', '1', '--via', 'telegram'], /Allowed choices are whatsapp, email, phone, visit, other/],
    ['ready bad date', ['ready', '1', '--pickup', '31-13-2026'], /Invalid pickup date "31-13-2026": use YYYY-MM-DD, DD\/MM\/YYYY, DD-MM-YYYY, hari ini/],
    ['pickup bad method', ['pickup', '1', '--pay', '--method', 'barter'], /Allowed choices are cash, transfer, card, other/],
    ['cancel without reason', ['cancel', '1', '--by', 'customer', '--yes'], /required option '--reason <text>' not specified/],
    ['cancel empty reason', ['cancel', '1', '--by', 'customer', '--reason', ' ', '--yes'], /--reason needs a non-empty text/],
    ['deposit as words', add({ '--deposit': 'half' }), /Invalid deposit "half"/],
    ['deposit above total', add({ '--deposit': '100.000' }), /more than the order total/],
    ['deposit with decimals in IDR', add({ '--deposit': '50000,5' }), /IDR has no decimals/],
    ['empty customer name', add({ '--customer': ' ' }), /the name is empty/],
    ['letters as phone', add({ '--phone': 'budi' }), /Invalid phone number "budi"/],
    ['item with empty description', add({ '--item': ':2:40000' }), /the description is empty/],
    ['item quantity zero', add({ '--item': 'Mug:0:40000' }), /Invalid quantity "0"/],
    ['item price negative', add({ '--item': 'Mug:2:-1' }), /Invalid unit price in item "Mug:2:-1" "-1"/],
    ['relative date malformed', add({ '--pickup': '+3w' }), /Invalid pickup date "\+3w"/],
    ['message bad template', ['message', '1', 'thank-you'], /Unknown template "thank-you"/],
    ['templates show bad name', ['templates', 'show', 'nope'], /Unknown template "nope"/],
    ['contact without direction', ['contact', '1', '--via', 'phone', 'halo'], /--in \(from the customer\) or --out/],
    ['contact empty text', ['contact', '1', '--in', '--via', 'phone', ''], /The contact needs a non-empty text/],
    ['extend bad days', ['extend', '1', '--days', 'lots'], /Invalid --days "lots"/],
    ['deliver without a step', ['deliver', '1'], /Say one step: --offer, --accept or --done/],
    ['deliver two steps', ['deliver', '1', '--offer', '--done'], /Say one step/],
    ['deliver eta in the past', ['deliver', '1', '--offer', '--eta', '2026-01-01'], /Invalid --eta 2026-01-01: it is before today/],
    ['compensate nothing', ['compensate', '1', '--reason', 'late'], /Say what the compensation is/],
    ['compensate bad refund', ['compensate', '1', '--reason', 'late', '--refund', 'abc'], /Invalid refund "abc"/],
    ['blacklist bad phone', ['blacklist', 'add', 'budi', '--reason', 'x', '--yes'], /Invalid phone number "budi"/],
    ['blacklist without reason', ['blacklist', 'add', '1', '--yes'], /required option '--reason <text>' not specified/],
    ['customers bad sort', ['customers', '--sort', 'age'], /Invalid --sort "age"/],
    ['customers bad subcommand', ['customers', 'delete'], /Unknown customers subcommand "delete"/],
    ['report bad date', ['report', '--from', '2026-02-30'], /Invalid --from date "2026-02-30"/],
    ['report bad by', ['report', '--by', 'day'], /Allowed choices are week, month, customer/],
    ['export bad format', ['export', 'orders', '--format', 'xlsx'], /Allowed choices are csv, json, ndjson/],
    ['export bad status', ['export', 'orders', '--status', 'done'], /Invalid status "done"/],
    ['import missing file', ['import', '/nonexistent/orders.csv'], /Cannot read \/nonexistent\/orders.csv: no such file/],
    ['backup onto a missing directory', ['backup', '/nonexistent/dir/copy.db'], /the directory \/nonexistent\/dir does not exist/],
    ['config get unknown', ['config', 'get', 'shop.owner'], /Unknown setting "shop.owner"/],
    ['config bad percent list', ['config', 'set', 'deposit.escalation', '30,abc'], /Invalid value "30,abc" for deposit.escalation/],
    ['config bad bool', ['config', 'set', 'blacklist.auto', 'maybe'], /use on or off/],
    ['config bad policy', ['config', 'set', 'blacklist.policy', 'ban'], /use one of block, full-payment, warn/],
    ['config bad timezone', ['config', 'set', 'timezone', 'Jakarta'], /use an IANA time zone/],
    ['config bad currency', ['config', 'set', 'currency', 'RUPIAH'], /"RUPIAH" is not a currency code/],
    ['init bad locale', ['init', '--locale', 'fr'], /Invalid value "fr" for locale: use one of id, en/],
    ['sweep unknown flag', ['sweep', '--force'], /unknown option '--force'/],
    ['remind extra argument', ['remind', 'now'], /too many arguments/],
    ['completion bad shell', ['completion', 'powershell'], /Invalid shell "powershell"/],
  ])('%s', (_name, args, message) => {
    const before = shop.dump();
    const bytes = shop.bytes();
    const r = shop.run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('(Did you mean')).length).toBe(1);
    expect(r.stderr).toMatch(/^orders: /);
    expect(shop.dump()).toBe(before);
    expect(shop.bytes()).toBe(bytes);
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

  it('refuses to write a read-only database, with exit 2 and the file unchanged', () => {
    const ro = new Shop().init();
    if (ON_POSTGRES) {
      // On a server, read-only is a user granted SELECT alone: reads work, a write is one sentence.
      const reader = `reader_${ro.pgName}`;
      psql(`CREATE ROLE ${reader} LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${reader};`, ro.pgName);
      try {
        const url = ro.db.replace(/\/\/[^@]*@/, `//${reader}@`);
        const before = ro.bytes();
        expect(spawnSync(process.execPath, [BIN, '--db', url, 'list', '--json'], { encoding: 'utf8' }).status).toBe(0);
        const r = spawnSync(process.execPath, [BIN, '--db', url, 'config', 'set', 'pickup.grace_days', '3'], { encoding: 'utf8' });
        expect([r.status, r.stderr]).toEqual([2, `orders: Cannot change ${url}: this database user may only read; only commands that read work here.\n`]);
        expect(ro.bytes()).toBe(before);
      } finally {
        psql(`DROP OWNED BY ${reader}`, ro.pgName);
        ro.cleanup();
        psql(`DROP ROLE ${reader}`);
      }
      return;
    }
    chmodSync(ro.dir, 0o755);
    chmodSync(ro.db, 0o444);
    const bytes = ro.bytes();
    // Root ignores file modes, so as root the command runs as nobody.
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const r = spawnSync(asUser[0] ?? process.execPath, [...asUser.slice(1), ...(asUser.length ? [process.execPath] : []), BIN, '--db', ro.db, 'config', 'set', 'pickup.grace_days', '3'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`orders: Cannot change ${ro.db}: the file or its directory is read-only; only commands that read work here.\n`);
    expect(ro.bytes()).toBe(bytes);
    ro.cleanup();
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
