import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Shop } from './harness.ts';
import { Terminal } from './tmux.ts';

const BIN = resolve(import.meta.dirname, '../../bin/orders');
let shop: Shop;
let term: Terminal | undefined;
beforeEach(() => {
  shop = new Shop().init();
  shop.ok(['add', '--customer', 'Budi Santoso', '--phone', '0812-3456-7890', '--item', 'Kaos:1:85.000', '--pickup', '2026-11-28']);
});
afterEach(() => {
  term?.close();
  shop.cleanup();
});

const orders = (args: string) => `${process.execPath} ${BIN} --db ${shop.db} --now 2026-11-25 ${args}`;

describe('on a terminal', () => {
  it('orders add asks for each field, offering known customers, and the order is there afterwards', async () => {
    term = new Terminal(orders('add'), { TZ: 'UTC' });
    await term.answer('Customer (type a name or phone number)', 'Bud');
    await term.answer('Budi Santoso  +6281234567890', 'Enter');
    await term.answer("Customer's name", 'Enter');
    await term.answer('Item 1: description', 'Kaos sablon hitam', 'Enter');
    await term.answer('Quantity', '24', 'Enter');
    await term.answer('Unit price', '85.000', 'Enter');
    await term.answer('Add another item?', 'y', 'Enter');
    await term.answer('Item 2: description', 'Stiker', 'Enter');
    await term.answer(/Quantity.*\n(.|\n)*Quantity/, '100', 'Enter');
    await term.answer(/Unit price.*\n(.|\n)*Unit price/, 'banyak', 'Enter');
    await term.waitFor('Invalid unit price "banyak"');
    term.type('C-u', '1.500', 'Enter');
    await term.answer(/Add another item\?(.|\n)*Add another item\?/, 'n', 'Enter');
    await term.answer('Pickup date', 'C-u', '2026-12-01', 'Enter');
    await term.answer('Down payment', 'Enter');
    await term.waitFor('EXIT=0');
    const o = shop.okJson(['show', '2']);
    expect(o).toMatchObject({
      customer: { id: 1, name: 'Budi Santoso' }, pickup_date: '2026-12-01', total: 2190000, deposit_required: 1095000,
      items: [{ description: 'Kaos sablon hitam', quantity: 24, unit_price: 85000 }, { description: 'Stiker', quantity: 100, unit_price: 1500 }],
    });
  });

  it('answering no to the cancel confirmation leaves the order as it was', async () => {
    const before = shop.dump();
    term = new Terminal(orders('cancel 1 --by customer --reason "berubah pikiran"'), { TZ: 'UTC' });
    await term.answer('Cancel order 1 (by customer)', 'n', 'Enter');
    const screen = await term.waitFor('EXIT=1');
    expect(screen).toContain('Nothing was changed.');
    expect(shop.dump()).toBe(before);
  });
  it('void asks first: no leaves the order, yes voids it', async () => {
    const before = shop.dump();
    term = new Terminal(orders('void 1 --reason "salah input"'), { TZ: 'UTC' });
    await term.answer('Void order 1 ("Budi Santoso", pending) as entered by mistake', 'n', 'Enter');
    expect(await term.waitFor('EXIT=1')).toContain('Nothing was changed.');
    expect(shop.dump()).toBe(before);
    term.close();
    term = new Terminal(orders('void 1 --reason "salah input"'), { TZ: 'UTC' });
    await term.answer('Void order 1', 'y', 'Enter');
    expect(await term.waitFor('EXIT=0')).toContain('Order 1 is void: salah input.');
    expect(shop.query('SELECT status FROM orders WHERE id = 1')).toEqual([{ status: 'void' }]);
  });
});

describe('colour', () => {
  it('colours statuses in a table on a terminal, and never with NO_COLOR or --no-color', async () => {
    for (const [env, args, coloured] of [[{}, '', true], [{ NO_COLOR: '1' }, '', false], [{}, '--no-color', false]] as const) {
      term = new Terminal(orders(`list ${args}`), { TZ: 'UTC', ...env });
      await term.waitFor('EXIT=0');
      const screen = term.screen(true);
      expect(screen).toContain('Budi Santoso');
      expect(screen.includes('\u001b[33mpending'), JSON.stringify(env) + args).toBe(coloured);
      term.close();
    }
    term = undefined;
  });
});

describe('a large import', () => {
  it('shows a progress bar on a terminal, and only the summary without one', async () => {
    // 5 MB and more counts as large: 12,000 rows with a 450-character note each.
    const note = 'catatan '.repeat(56);
    const rows = Array.from({ length: 12_000 }, (_, i) => `Pelanggan ${i},+62813${String(10_000_000 + i)},Kaos:1:85000,2026-12-01,${note}`);
    const file = join(shop.dir, 'big.csv');
    writeFileSync(file, `customer_name,phone,items,pickup_date,note\r\n${rows.join('\r\n')}\r\n`);
    term = new Terminal(orders(`import --dry-run ${file}`), { TZ: 'UTC' });
    const screen = await term.waitFor('EXIT=0', 30_000);
    expect(screen).toMatch(/importing \[[█░]+\] 100%/);
    expect(screen).toContain('All rows are valid: would import 12000 orders; nothing was changed.');
    const plain = spawnSync(process.execPath, [BIN, '--db', shop.db, '--now', '2026-11-25', 'import', file], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000 });
    expect([plain.status, plain.stdout, plain.stderr]).toEqual([0, 'Imported 12000 orders.\n', '']);
  });
});

describe('without a terminal nothing ever waits on input', () => {
  it('add with missing fields exits 2 listing them, with stdin closed', () => {
    const r = spawnSync(process.execPath, [BIN, '--db', shop.db, '--now', '2026-11-25', 'add', '--customer', 'Ani'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('orders: Missing --phone PHONE, --item "DESCRIPTION:QUANTITY:UNIT_PRICE", --pickup DATE for the new order.\n');
  });

  it('cancel and blacklist add need --yes, and init takes its values from flags only', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, '--db', shop.db, '--now', '2026-11-25', ...args], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 10_000 });
    expect(run('cancel', '1', '--by', 'shop', '--reason', 'x').stderr).toMatch(/add --yes to run it without a terminal/);
    expect(run('blacklist', 'add', '1', '--reason', 'x').stderr).toMatch(/add --yes to run it without a terminal/);
    expect(run('init').status).toBe(0);
  });
});
