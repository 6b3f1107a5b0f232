import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKaos, Shop } from './harness.ts';

let shop: Shop;
beforeAll(() => {
  shop = new Shop().init();
  addKaos(shop); // 1: Budi, pickup 12-01
  shop.ok(['add', '--customer', 'Siti, "Ibu" Rahma', '--phone', '081298765432', '--item', '=HYPERLINK("x"):1:10.000', '--pickup', '2026-12-03']);
  shop.ok(['add', '--customer', 'Budi Santoso', '--phone', '6281234567890', '--item', 'Topi:3:50.000', '--pickup', '2026-11-26']);
  shop.ok(['pay', '3', '150000']);
  shop.ok(['confirm', '3', '--via', 'visit']);
  shop.ok(['ready', '3']);
});
afterAll(() => shop.cleanup());

describe('orders list', () => {
  it('filters by status, customer and pickup dates', () => {
    const ids = (args: string[]) => shop.okJson(['list', ...args]).map((o: any) => o.id);
    expect(ids([])).toEqual([3, 1, 2]);
    expect(ids(['--status', 'pending'])).toEqual([1, 2]);
    expect(ids(['--status', 'ready,confirmed'])).toEqual([3]);
    expect(ids(['--customer', '0812-3456-7890'])).toEqual([3, 1]);
    expect(ids(['--customer', '2'])).toEqual([2]);
    expect(ids(['--pickup-from', '2026-11-30', '--pickup-to', '2026-12-02'])).toEqual([1]);
    expect(ids(['--limit', '1'])).toEqual([3]);
    expect(ids(['--overdue'])).toEqual([]);
    expect(shop.okJson(['list', '--overdue'], { now: '2026-11-27' }).map((o: any) => o.id)).toEqual([3]);
  });

  it('lists more orders than one page holds: one JSON array, one header, every order once, in pickup order', () => {
    const big = new Shop().init();
    try {
      // 4,500 orders over three pickup dates, so pages end in the middle of a day.
      const rows = Array.from({ length: 4_500 }, (_, i) => `Pelanggan ${i},+62813${String(10_000_000 + i)},Kaos:1:85000,2026-12-0${1 + (i % 3)}`);
      const file = join(big.dir, 'orders.csv');
      writeFileSync(file, `customer_name,phone,items,pickup_date\r\n${rows.join('\r\n')}\r\n`);
      big.ok(['import', file]);
      const expected = big.query('SELECT id FROM orders ORDER BY pickup_date, id').map((r: any) => r.id);
      expect(big.okJson(['list']).map((o: any) => o.id)).toEqual(expected);
      expect(big.okJson(['list', '--limit', '2001']).map((o: any) => o.id)).toEqual(expected.slice(0, 2001));
      const csv = big.ok(['list', '--format', 'csv']).split('\r\n');
      expect([csv.length, csv.filter((l) => l.startsWith('id,')).length, csv[2_001]!.split(',')[0]]).toEqual([4_502, 1, String(expected[2_000])]);
      const text = big.ok(['list']).trimEnd().split('\n');
      expect([text.length, text.filter((l) => l.startsWith('id\t')).length]).toEqual([4_501, 1]);
    } finally {
      big.cleanup();
    }
  });

  it('an unknown customer is refused with exit 1, and nothing reaches stdout in any format', () => {
    for (const format of [[], ['--json'], ['--format', 'csv'], ['--format', 'ndjson']]) {
      const r = shop.run(['list', '--customer', '0813-0000-1111', ...format]);
      expect([r.code, r.stdout]).toEqual([1, '']);
      expect(r.stderr).toMatch(/No customer with phone \+62813/);
    }
  });

  it('writes RFC 4180 CSV with neutralised formula cells and plain numbers', () => {
    const csv = shop.ok(['list', '--format', 'csv']);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,status,customer_name,phone,pickup_date,total,deposit_required,paid,balance,items');
    expect(lines[1]).toBe("3,ready,Budi Santoso,'+6281234567890,2026-11-26,150000,75000,150000,0,3 x Topi");
    // the items cell starts with a digit, so it is not neutralised
    expect(lines[3]).toBe(`2,pending,"Siti, ""Ibu"" Rahma",'+6281298765432,2026-12-03,10000,5000,0,10000,"1 x =HYPERLINK(""x"")"`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('--format json is --json, and ndjson gives the same orders one a line', () => {
    const json = shop.ok(['list', '--format', 'json']);
    expect(json).toBe(shop.ok(['list', '--json']));
    const lines = shop.ok(['list', '--format', 'ndjson']).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual(JSON.parse(json));
  });

  it('the text output is a plain tab-separated table when piped', () => {
    const out = shop.ok(['list', '--status', 'ready']);
    expect(out).toBe('id\tstatus\tcustomer\tphone\tpickup\ttotal\tpaid\tbalance\n3\tready\tBudi Santoso\t+6281234567890\t2026-11-26\tRp 150.000\tRp 150.000\tRp 0\n');
    expect(out).not.toMatch(/\u001b\[/);
  });

  it('takes the global options before or after the subcommand', () => {
    const after = shop.run(['list', '--status', 'ready', '--json']);
    const before = shop.run(['--json', 'list', '--status', 'ready']);
    expect(after.stdout).toBe(before.stdout);
    expect(JSON.parse(after.stdout)[0].id).toBe(3);
  });
});

describe('orders config', () => {
  it('lists every policy key with its default', () => {
    const all = shop.okJson(['config', 'list']);
    expect(all).toMatchObject({
      'deposit.min_percent': '30', 'deposit.default_percent': '50', 'deposit.escalation': '30,50,100',
      'confirm.required_total': '0', 'confirm.required_quantity': '50', 'reminder.days_before': '2,1',
      'pickup.grace_days': '2', 'storage.fee_per_day': '0', 'delivery.base_fee': '0', 'delivery.packaging_fee': '0',
      'delivery.after_hours_fee': '0', 'noshow.cancel_after_days': '7', 'blacklist.auto': 'off',
      'blacklist.policy': 'full-payment', 'blacklist.after_no_shows': '2', timezone: 'Asia/Jakarta',
    });
  });

  it('sets and reads back validated values; money in the major unit', () => {
    expect(shop.ok(['config', 'set', 'delivery.base_fee', '15.000'])).toBe('delivery.base_fee = 15000\n');
    expect(shop.ok(['config', 'get', 'delivery.base_fee'])).toBe('15000\n');
    expect(shop.ok(['config', 'set', 'reminder.days_before', '1,3'])).toBe('reminder.days_before = 3,1\n');
    const r = shop.run(['config', 'set', 'currency', 'USD']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/currency cannot change from IDR to USD once orders exist/);
  });
});

describe('time zones', () => {
  it('the same --now gives the same results whatever TZ the machine has', () => {
    const outputs = ['Asia/Tokyo', 'America/Los_Angeles', 'UTC'].map((tz) => {
      const s = new Shop().init();
      const env = { TZ: tz };
      s.ok(['add', '--customer', 'Rina', '--phone', '081211110000', '--item', 'Kue:1:100.000', '--pickup', 'tomorrow'], { now: '2026-11-30T23:30:00+07:00', env });
      const o = s.run(['show', '1', '--json'], { now: '2026-11-30T23:30:00+07:00', env }).json();
      s.cleanup();
      return [o.pickup_date, o.terms.agreed_on, o.created_at];
    });
    expect(outputs[0]).toEqual(['2026-12-01', '2026-11-30', '2026-11-30T23:30:00+07:00']);
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
  });
});

describe('USD shop in English', () => {
  it('reads and writes cents', () => {
    const s = new Shop();
    s.ok(['init', '--shop-name', 'Corner Print', '--currency', 'USD', '--locale', 'en', '--timezone', 'America/New_York', '--country-code', '1']);
    const o = s.okJson(['add', '--customer', 'Ann Lee', '--phone', '(212) 555-0100', '--item', 'Poster A2:3:12.50', '--pickup', '2026-12-02', '--deposit', '15.00']);
    expect(o).toMatchObject({ total: 37.5, deposit_required: 15, customer: { phone: '+12125550100' } });
    expect(s.ok(['pay', '1', '15'])).toMatch(/Payment of \$15\.00 .* balance \$22\.50/);
    s.cleanup();
  });
});
