import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Shop } from './harness.ts';

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
  shop.ok(['config', 'set', 'storage.fee_per_day', '10.000']);
});
afterEach(() => shop.cleanup());

/** A confirmed order for pickup on 1 December, DP paid. */
function confirmedOrder(name = 'Budi Santoso', phone = '0812-3456-7890'): number {
  const o = shop.okJson(['add', '--customer', name, '--phone', phone, '--item', 'Kaos sablon:2:85.000', '--pickup', '2026-12-01']);
  shop.ok(['pay', String(o.id), '85000']);
  shop.ok(['confirm', String(o.id), '--via', 'whatsapp']);
  return o.id;
}

describe('orders remind', () => {
  it('sends exactly one reminder on P-2 and one on P-1, none on P-3 or P, none twice', () => {
    confirmedOrder();
    const day = (now: string) => shop.run(['remind', '--json'], { now }).json();
    expect(day('2026-11-28')).toEqual([]);
    const h2 = day('2026-11-29');
    expect(h2).toHaveLength(1);
    expect(h2[0]).toMatchObject({ order_id: 1, template: 'pickup-reminder', lang: 'id', phone: '+6281234567890' });
    expect(h2[0].text).toContain('dijadwalkan diambil lusa (H-2), Selasa, 1 Desember 2026');
    expect(day('2026-11-29')).toEqual([]);
    const h1 = day('2026-11-30');
    expect(h1).toHaveLength(1);
    expect(h1[0].text).toContain('besok (H-1)');
    expect(day('2026-11-30')).toEqual([]);
    expect(day('2026-12-01')).toEqual([]);
    expect(shop.query("SELECT template, channel, substr(created_at, 1, 10) AS day FROM communications WHERE template = 'pickup-reminder'")).toEqual([
      { template: 'pickup-reminder', channel: 'printed', day: '2026-11-29' },
      { template: 'pickup-reminder', channel: 'printed', day: '2026-11-30' },
    ]);
  });

  it('prints each message with name, phone and a wa.me link that opens the same text', () => {
    confirmedOrder();
    const out = shop.ok(['remind', '--lang', 'en'], { now: '2026-11-30' });
    expect(out).toMatch(/^--- to Budi Santoso \(\+6281234567890\) · order 1 · pickup-reminder · en ---\nHello Budi Santoso,/);
    const [m] = shop.run(['remind', '--json', '--dry-run'], { now: '2026-11-29' }).json();
    expect(m.link.startsWith('https://wa.me/6281234567890?text=')).toBe(true);
    expect(new URL(m.link).searchParams.get('text')).toBe(m.text);
  });

  it('logs a busy night of more than 3,000 messages, each linked to its outbox row', () => {
    const rows = Array.from({ length: 3_200 }, (_, i) => `Pelanggan ${i},+62813${String(10_000_000 + i)},Kaos:1:85000,2026-11-27,confirmed,2026-11-20,42500`);
    const file = join(shop.dir, 'busy.csv');
    writeFileSync(file, `customer_name,phone,items,pickup_date,status,confirmed_on,paid\r\n${rows.join('\r\n')}\r\n`);
    shop.ok(['import', file]);
    const r = shop.run(['remind', '--json'], { now: '2026-11-25' });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.json()).toHaveLength(3_200);
    expect(shop.query(`SELECT count(*) AS sent, sum(CASE WHEN c.order_id = x.order_id AND c.template = x.template THEN 1 ELSE 0 END) AS linked
      FROM outbox x JOIN communications c ON c.id = x.communication_id WHERE x.status = 'sent'`)).toEqual([{ sent: 3_200, linked: 3_200 }]);
    expect(shop.ok(['verify'])).toMatch(/Evidence chain: \d+ entries, intact/);
  });

  it('--dry-run prints what is due and records nothing', () => {
    confirmedOrder();
    const before = shop.dump();
    const r = shop.run(['remind', '--dry-run'], { now: '2026-11-29' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pickup-reminder');
    expect(r.stderr).toContain('1 message(s) would be sent (dry run: nothing recorded)');
    expect(shop.dump()).toBe(before);
    expect(shop.run(['remind', '--json'], { now: '2026-11-29' }).json()).toHaveLength(1);
  });

  it('does not remind about an order that was picked up or cancelled meanwhile', () => {
    confirmedOrder();
    shop.ok(['cancel', '1', '--by', 'customer', '--reason', 'no longer needed', '--yes'], { now: '2026-11-28' });
    expect(shop.run(['remind', '--json'], { now: '2026-11-29' }).json()).toEqual([]);
  });
});

describe('sending through notify.command', () => {
  it('delivers every due message once, keeps a failure queued with its error, and retries it later', () => {
    const log = join(shop.dir, 'sent.log');
    const script = join(shop.dir, 'gateway.sh');
    const failFlag = join(shop.dir, 'fail-for');
    writeFileSync(script, `#!/bin/sh
if [ -f "${failFlag}" ] && [ "$ORDERS_TO_PHONE" = "$(cat "${failFlag}")" ]; then echo "gateway: number not on WhatsApp" >&2; exit 3; fi
{ echo "TO=$ORDERS_TO_PHONE NAME=$ORDERS_TO_NAME ORDER=$ORDERS_ORDER_ID TEMPLATE=$ORDERS_TEMPLATE"; cat; echo "----"; } >> "${log}"
`);
    chmodSync(script, 0o755);
    writeFileSync(failFlag, '+6281298765432');
    shop.ok(['config', 'set', 'notify.command', script]);
    confirmedOrder();
    confirmedOrder('Siti Rahma', '081298765432');
    confirmedOrder('Evil $(touch pwned); `id`', '081311112222');

    const first = shop.run(['remind', '--send'], { now: '2026-11-29' });
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('sent pickup-reminder for order 1 to Budi Santoso');
    expect(first.stderr).toContain('could not send pickup-reminder for order 2 to +6281298765432 (exit 3: gateway: number not on WhatsApp); it stays queued');
    let sent = readFileSync(log, 'utf8');
    expect(sent.match(/^TO=/gm)).toHaveLength(2);
    expect(sent).toContain('NAME=Evil $(touch pwned); `id` ORDER=3');
    expect(sent).toContain('Halo Bapak/Ibu Budi Santoso,');
    expect(shop.query("SELECT order_id, status, attempts, last_error FROM outbox WHERE order_id = 2")).toEqual([
      { order_id: 2, status: 'queued', attempts: 1, last_error: 'exit 3: gateway: number not on WhatsApp' },
    ]);

    writeFileSync(failFlag, 'nobody');
    const second = shop.run(['remind', '--send', '--json'], { now: '2026-11-29' });
    expect(second.code).toBe(0);
    expect(second.json().map((m: any) => m.order_id)).toEqual([2]);
    sent = readFileSync(log, 'utf8');
    expect(sent.match(/^TO=/gm)).toHaveLength(3);
    expect(shop.query("SELECT count(*) AS n FROM communications WHERE channel = 'notify'")[0].n).toBe(3);
    expect(shop.run(['remind', '--send', '--json'], { now: '2026-11-29' }).json()).toEqual([]);
  });

  it('--send without a gateway is a usage error', () => {
    const r = shop.run(['remind', '--send']);
    expect([r.code, r.stderr]).toEqual([2, 'orders: --send needs a gateway program: set it with `orders config set notify.command "COMMAND"`.\n']);
  });
});

describe('the evidence log', () => {
  it('verifies clean, and names the entry someone edited', () => {
    confirmedOrder();
    shop.ok(['contact', '1', '--in', '--via', 'phone', 'Saya ambil hari Selasa ya']);
    const clean = shop.run(['verify']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('Evidence chain: ');
    expect(clean.stdout).toContain(' entries, intact');
    const [{ id }] = shop.query("SELECT id FROM communications WHERE kind = 'contact'");
    shop.tamper("UPDATE communications SET text = 'Saya tidak jadi ambil' WHERE id = ?", id);
    const r = shop.run(['verify']);
    expect(r.code).toBe(1);
    const [{ seq }] = shop.query("SELECT seq FROM evidence WHERE source = 'communications' AND row_id = ?", id);
    expect(r.stderr).toBe(`orders: evidence entry ${seq} (log entry ${id}) fails verification: the row was changed after it was written.\n`);
    shop.tamper('DELETE FROM communications WHERE id = ?', id - 1);
    expect(shop.run(['verify']).stderr).toMatch(/\(log entry \d+\) fails verification: the row it records was removed/);
  });

  it('logs contacts and complaints; a complaint gets its acknowledgement; show has the timeline', () => {
    confirmedOrder();
    const r = shop.run(['contact', '1', '--in', '--via', 'whatsapp', '--complaint', 'Warnanya beda dengan contoh', '--json']);
    expect(r.code).toBe(0);
    const [ack] = r.json().messages;
    expect(ack.template).toBe('complaint-ack');
    // The customer's words are not quoted back; a confirmed order speaks of the result.
    expect(ack.text).not.toContain('Warnanya beda');
    expect(ack.text).toContain('Hasil pesanan sedang kami periksa kembali');
    const show = shop.ok(['show', '1']);
    expect(show).toMatch(/from customer via whatsapp \[complaint\]: Warnanya beda dengan contoh/);
    expect(show).toMatch(/to customer via printed \[complaint-ack\]/);
    expect(shop.run(['contact', '1', '--via', 'phone', 'hi']).code).toBe(2);
    expect(shop.run(['contact', '1', '--in', '--via', 'pigeon', 'hi']).code).toBe(2);
  });
});

describe('templates', () => {
  it('every template renders completely in both languages through `orders message`', () => {
    confirmedOrder();
    shop.ok(['contact', '1', '--in', '--via', 'visit', '--complaint', 'Jahitan lepas']);
    for (const lang of ['en', 'id']) {
      for (const name of ['terms', 'confirmation-request', 'order-confirmed', 'pickup-reminder', 'ready-for-pickup', 'pickup-overdue', 'delivery-offer', 'auto-cancel-notice', 'customer-cancel-notice', 'complaint-ack']) {
        const m = shop.run(['message', '1', name, '--lang', lang, '--json', '--dry-run'], { now: '2026-11-29' });
        expect(m.code, `${lang}/${name}: ${m.stderr}`).toBe(0);
        const text = m.json().text;
        expect(text).not.toMatch(/\{\{|undefined|null|NaN/);
        expect(text).toContain('Toko Maju');
      }
    }
  });

  it('a value the order cannot have is an error that names it', () => {
    confirmedOrder();
    const r = shop.run(['message', '1', 'shop-cancel-apology']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Template id\/shop-cancel-apology \(built-in: .*\) needs cancel_reason, which order 1 does not have: it has not been cancelled\./);
    expect(shop.run(['message', '1', 'no-such-template']).stderr).toMatch(/Unknown template "no-such-template"; the templates are terms, /);
  });

  it("the user's copy wins, and a misspelt value in it is named", () => {
    confirmedOrder();
    const dir = join(shop.dir, 'config', 'orders', 'templates', 'en');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'pickup-reminder.txt'), 'Hi {{customer_name}}, see you {{pickup_when}}! -- {{shop_name}}\n');
    const env = { XDG_CONFIG_HOME: join(shop.dir, 'config') };
    const list = shop.run(['templates', 'list', '--json'], { env }).json();
    expect(list.find((t: any) => t.name === 'pickup-reminder' && t.lang === 'en').source).toBe('user');
    expect(list.find((t: any) => t.name === 'pickup-reminder' && t.lang === 'id').source).toBe('built-in');
    expect(shop.run(['message', '1', 'pickup-reminder', '--lang', 'en', '--json'], { env, now: '2026-11-30' }).json().text)
      .toBe('Hi Budi Santoso, see you tomorrow! -- Toko Maju\n');
    writeFileSync(join(dir, 'pickup-reminder.txt'), 'Hi {{customer_nmae}}\n');
    const r = shop.run(['message', '1', 'pickup-reminder', '--lang', 'en'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Template en\/pickup-reminder \(user: .*pickup-reminder\.txt\) uses \{\{customer_nmae\}\}, which is not a known value/);
    expect(shop.ok(['templates', 'show', 'pickup-reminder', '--lang', 'en'], { env })).toBe('Hi {{customer_nmae}}\n');
  });

  it('orders terms prints the current policy', () => {
    const t = shop.ok(['terms', '--lang', 'en']);
    expect(t).toContain('Toko Maju - Terms & Conditions');
    expect(t).toContain('After that a storage fee of Rp 10.000 per day applies.');
    expect(t).toContain('has not been collected 7 days after the pickup date');
  });
});
