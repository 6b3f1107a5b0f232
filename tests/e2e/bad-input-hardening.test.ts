import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKaos, Shop } from './harness.ts';

let shop: Shop;
let nulCsv: string;
let bigCsv: string;
beforeAll(() => {
  shop = new Shop().init();
  addKaos(shop);
  nulCsv = join(shop.dir, 'nul.csv');
  writeFileSync(nulCsv, 'customer_name,phone,items,pickup_date\nA\u0000b,0812-1111-2222,Kaos:1:1000,2026-12-01\n');
  bigCsv = join(shop.dir, 'big.csv');
  writeFileSync(bigCsv, 'customer_name,phone,items,pickup_date\nAni,0812-1111-2222,Kaos:1:1000000000000000000,2026-12-01\n');
});
afterAll(() => shop.cleanup());

const add = (over: Record<string, string>) => {
  const base: Record<string, string> = { '--customer': 'Ani', '--phone': '081211112222', '--item': 'Mug:2:40.000', '--pickup': '2026-12-03' };
  return ['add', ...Object.entries({ ...base, ...over }).flat()];
};
const NOW = (v: string) => `Invalid --now "${v}": use YYYY-MM-DD or an ISO date-time such as 2026-12-01T09:00:00+07:00 (offsets from -14:00 to +14:00).`;
const CC = (v: string) => `Invalid value "${v}" for country_code: use a country's calling code such as 62 (Indonesia) or 1 (USA).`;
const NAME = 'Invalid value "" for shop.name: the shop name appears in every message; give it a name.';
const BELOW = (def: number, min: number) => `deposit.default_percent (${def}%) is below deposit.min_percent (${min}%): the default DP must be at least the minimum; raise the default or lower the minimum first.`;
const SECONDS = (v: string) => `Invalid value "${v}" for notify.timeout_seconds: use a whole number of seconds from 1 to 86400.`;
const HEAD = (v: string) => `Invalid --head "${v}": give COUNT:HASH as \`orders verify\` or the sweep printed it (a count, a colon and 64 hex digits).`;
const BIG = '1.000.000.000.000.000';
const LARGEST = 'the largest accepted is 999999999999999 IDR.';

/** SPEC 12's bad input: each exits 2 with its sentence and leaves the file byte-for-byte as it was. */
const CASES: [string, () => string[], () => string][] = [
  ['a name with a next-line control', () => add({ '--customer': 'Budi\u0085X' }), () => 'Invalid --customer "Budi\\u0085X": it may not contain a line break, NUL or invalid UTF-8; give it on one line.'],
  ['a payment above the largest amount', () => ['pay', '1', BIG], () => `Invalid payment amount "${BIG}": ${LARGEST}`],
  ['a unit price above the largest amount', () => add({ '--item': `Mug:1:${BIG}` }), () => `Invalid unit price in item "Mug:1:${BIG}" "${BIG}": ${LARGEST}`],
  ['an order total above the largest amount', () => add({ '--item': 'Mug:10:999.999.999.999.999' }), () => 'The order total (9999999999999990 minor units) is above the largest accepted, 999999999999999; split the order.'],
  ['a deposit above the largest amount', () => add({ '--deposit': BIG }), () => `Invalid deposit "${BIG}": ${LARGEST}`],
  ['a storage fee above the largest amount', () => ['config', 'set', 'storage.fee_per_day', BIG], () => `Invalid amount for storage.fee_per_day "${BIG}": ${LARGEST}`],
  ['a delivery fee of twenty digits', () => ['config', 'set', 'delivery.base_fee', '99999999999999999999'], () => `Invalid amount for delivery.base_fee "99999999999999999999": ${LARGEST}`],
  ['--now with offset +99:99', () => ['--now', '2026-12-01T09:00+99:99', 'list'], () => NOW('2026-12-01T09:00+99:99')],
  ['--now with offset +14:30', () => ['--now', '2026-12-01T09:00+14:30', 'list'], () => NOW('2026-12-01T09:00+14:30')],
  ['--now with offset -15:00', () => ['--now', '2026-12-01T09:00-15:00', 'list'], () => NOW('2026-12-01T09:00-15:00')],
  ['--now with offset minutes 60', () => ['--now', '2026-12-01T09:00+07:60', 'list'], () => NOW('2026-12-01T09:00+07:60')],
  ['country code 0', () => ['config', 'set', 'country_code', '0'], () => CC('0')],
  ['country code 999', () => ['config', 'set', 'country_code', '999'], () => CC('999')],
  ['country code +0', () => ['config', 'set', 'country_code', '+0'], () => CC('0')],
  ['an empty shop name', () => ['config', 'set', 'shop.name', ''], () => NAME],
  ['a blank shop name', () => ['config', 'set', 'shop.name', '   '], () => NAME],
  ['a minimum DP above the default', () => ['config', 'set', 'deposit.min_percent', '60'], () => BELOW(50, 60)],
  ['a default DP below the minimum', () => ['config', 'set', 'deposit.default_percent', '20'], () => BELOW(20, 30)],
  ['an escalation that decreases', () => ['config', 'set', 'deposit.escalation', '50,30,100'], () => 'Invalid value "50,30,100" for deposit.escalation: the DP may not decrease with more no-shows (50 then 30).'],
  ['an escalation that only decreases', () => ['config', 'set', 'deposit.escalation', '100,50'], () => 'Invalid value "100,50" for deposit.escalation: the DP may not decrease with more no-shows (100 then 50).'],
  ['a timeout of 0 seconds', () => ['config', 'set', 'notify.timeout_seconds', '0'], () => SECONDS('0')],
  ['a timeout over a day', () => ['config', 'set', 'notify.timeout_seconds', '86401'], () => SECONDS('86401')],
  ['a timeout in fractions', () => ['config', 'set', 'notify.timeout_seconds', '1.5'], () => SECONDS('1.5')],
  ['--head without a hash', () => ['verify', '--head', '12'], () => HEAD('12')],
  ['--head of words', () => ['verify', '--head', 'abc:def'], () => HEAD('abc:def')],
  ['--head with 63 hex digits', () => ['verify', '--head', `3:${'a'.repeat(63)}`], () => HEAD(`3:${'a'.repeat(63)}`)],
  ['--head with a negative count', () => ['verify', '--head', `-1:${'0'.repeat(64)}`], () => HEAD(`-1:${'0'.repeat(64)}`)],
  ['init with an empty shop name', () => ['init', '--shop-name', ''], () => NAME],
  ['init with country code 0', () => ['init', '--country-code', '0'], () => CC('0')],
  ['an import row whose name holds NUL', () => ['import', nulCsv],
    () => `line 2, column customer_name: contains a NUL character, which no order text may hold.\norders: 1 bad row in ${nulCsv}; nothing was imported.`],
  ['an import row with a price of 19 digits', () => ['import', bigCsv],
    () => `line 2, column items: Invalid unit price in "Kaos:1:1000000000000000000" "1000000000000000000": ${LARGEST}\norders: 1 bad row in ${bigCsv}; nothing was imported.`],
];

describe('bad input of SPEC 12 exits 2 with its sentence and an unchanged database', () => {
  it.each(CASES)('%s', (_name, args, sentence) => {
    const before = shop.dump();
    const bytes = shop.bytes();
    const r = shop.run(args());
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `orders: ${sentence()}\n`]);
    expect(shop.dump()).toBe(before);
    expect(shop.bytes()).toBe(bytes);
  });

  it('a template path that is a directory is a clear error', () => {
    const config = join(shop.dir, 'config');
    mkdirSync(join(config, 'orders', 'templates', 'id', 'confirmation-request.txt'), { recursive: true });
    const before = shop.dump();
    const r = shop.run(['message', '1', 'confirmation-request'], { env: { XDG_CONFIG_HOME: config } });
    expect([r.code, r.stderr]).toEqual([2, `orders: The template ${join(config, 'orders', 'templates', 'id', 'confirmation-request.txt')} is a directory, not a file; put the confirmation-request text in a file of that name.\n`]);
    expect(shop.dump()).toBe(before);
  });
});

describe('the day where midnight does not exist', () => {
  it('--now 2026-09-06 in America/Santiago is the 6th, from its first instant', () => {
    const s = new Shop();
    try {
      s.ok(['init', '--shop-name', 'Tienda', '--currency', 'CLP', '--locale', 'en', '--timezone', 'America/Santiago', '--country-code', '56']);
      const sweep = s.run(['sweep', '--json'], { now: '2026-09-06' }).json();
      expect(sweep.date).toBe('2026-09-06');
      expect(s.okJson(['today'], { now: '2026-09-06' }).date).toBe('2026-09-06');
    } finally {
      s.cleanup();
    }
  });
});
