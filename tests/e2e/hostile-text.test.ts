import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Shop } from './harness.ts';
import { Terminal } from './tmux.ts';

/** A name carrying a screen clear, an OSC window title, BEL, a C1 control and a right-to-left override. */
const HOSTILE = 'Evil\u001b[2J\u001b]0;pwned\u0007 \u202egnp.exe\u009b Jr';
const SHOWN = 'Evil\\u001B[2J\\u001B]0;pwned\\u0007 \\u202Egnp.exe\\u009B Jr';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
  shop.ok(['add', '--customer', HOSTILE, '--phone', '0812-3456-7890', '--item', `Kaos\u001b[8m hidden:1:85.000`, '--pickup', '2026-12-01', '--note', 'call \u202e']);
});
afterEach(() => shop.cleanup());

describe('hostile text never reaches the terminal raw (SPEC 12)', () => {
  const views: [string, string[]][] = [
    ['show', ['show', '1']], ['list', ['list']], ['customers', ['customers']], ['customers show', ['customers', 'show', '1']],
    ['message', ['message', '1', 'confirmation-request']], ['report --by customer', ['report', '--from', '2026-11-01', '--to', '2026-12-31', '--by', 'customer']],
    ['remind', ['remind', '--dry-run']], ['today', ['today']],
  ];
  for (const [what, args] of views) {
    it(`${what}: no raw control character in what is printed`, () => {
      const r = shop.run(args);
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(RAW);
    });
  }

  it('show and list print the name escaped, JSON and CSV the stored text', () => {
    expect(shop.ok(['show', '1'])).toContain(`Customer:  ${SHOWN}  +6281234567890`);
    expect(shop.ok(['list'])).toContain(SHOWN);
    expect(shop.okJson(['show', '1']).customer.name).toBe(HOSTILE);
    expect(shop.ok(['list', '--format', 'csv'])).toContain(HOSTILE);
    expect(shop.ok(['export', 'orders'])).toContain(HOSTILE);
  });

  it('error messages echo a bad argument or CSV cell escaped', () => {
    const r = shop.run(['show', '\u001b[2J1']);
    expect([r.code, r.stderr]).toEqual([2, 'orders: Invalid order id "\\u001B[2J1": use the order\'s number, e.g. 12.\n']);
    const file = join(shop.dir, 'bad.csv');
    writeFileSync(file, `customer_name,phone,items,pickup_date\nAni,0812-1111-2222,Kaos:1:1000,\u001b]0;pwned\u0007\n`);
    const i = shop.run(['import', file]);
    expect(i.code).toBe(2);
    expect(i.stderr).toContain('"\\u001B]0;pwned\\u0007" is not a date');
    expect(i.stderr).not.toMatch(RAW);
  });

  const refused: [string, string[], string][] = [
    ['a name with a line break', ['--customer', 'Budi\nSantoso'], 'Invalid --customer "Budi\\nSantoso": it may not contain a line break, NUL or invalid UTF-8; give it on one line.'],
    ['a name with a carriage return', ['--customer', 'Budi\rX'], 'Invalid --customer "Budi\\rX": it may not contain a line break, NUL or invalid UTF-8; give it on one line.'],
    ['a name with a Unicode line separator', ['--customer', 'Budi\u2028X'], 'Invalid --customer "Budi\u2028X": it may not contain a line break, NUL or invalid UTF-8; give it on one line.'],
    ['a phone with a line break', ['--phone', '0812-3456-7890\n'], 'Invalid phone number "0812-3456-7890\\n": it may not contain a line break, NUL or invalid UTF-8; give it on one line.'],
  ];
  for (const [what, args, sentence] of refused) {
    it(`${what} is bad input`, () => {
      const before = shop.dump();
      const base = { '--customer': 'Sari', '--phone': '0813-1111-2222', '--item': 'Kaos:1:85.000', '--pickup': '2026-12-01' } as Record<string, string>;
      base[args[0]!] = args[1]!;
      const r = shop.run(['add', ...Object.entries(base).flat()]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toBe(`orders: ${sentence.replace('\u2028', '\\u2028')}\n`);
      expect(shop.dump()).toBe(before);
    });
  }

  it('an import row whose name holds NUL is refused, and nothing is imported', () => {
    const before = shop.dump();
    const file = join(shop.dir, 'nul.csv');
    writeFileSync(file, 'customer_name,phone,items,pickup_date\nA\u0000b,0812-1111-2222,Kaos:1:1000,2026-12-01\n');
    const r = shop.run(['import', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 2, column customer_name: contains a NUL character, which no order text may hold.');
    expect(shop.dump()).toBe(before);
  });

  it('a file that is not valid UTF-8 is refused at the line where it breaks, and nothing is imported', () => {
    const before = shop.dump();
    const file = join(shop.dir, 'latin1.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('customer_name,phone,items,pickup_date\nAna,0812-1111-2222,Kaos:1:1000,2026-12-01\nC'), Buffer.from([0xff, 0xfe]), Buffer.from(',0812-1111-3333,Kaos:1:1000,2026-12-01\n')]));
    const r = shop.run(['import', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 3: the input is not valid UTF-8 text; save the file as UTF-8.');
    expect(shop.dump()).toBe(before);
  });
});

describe('on a terminal (tmux)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('show and list with a hostile name: the screen keeps its lines, the title is untouched, no raw escape arrives', async () => {
    const bin = resolve(import.meta.dirname, '../../bin/orders');
    const run = (args: string) => `${process.execPath} ${bin} --db ${shop.db} --now 2026-11-25 ${args}`;
    term = new Terminal(`echo BEFORE-THE-RUN; ${run('show 1')}; ${run('list')}`, { TZ: 'UTC' });
    const screen = await term.waitFor('EXIT=0');
    expect(screen).toContain('BEFORE-THE-RUN');
    expect(screen).toContain(`Customer:  ${SHOWN}`);
    expect(screen.match(/Evil\\u001B\[2J/g)?.length).toBeGreaterThanOrEqual(2);
    expect(term.screen(true)).not.toMatch(/\u001b\[2J|\u001b\]0;|\u0007|\u202e/);
    expect(term.tmux('display-message', '-p', '-t', term.name, '#{pane_title}')).not.toContain('pwned');
  });
});
