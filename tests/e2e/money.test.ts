import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addKaos, Shop } from './harness.ts';

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
});
afterEach(() => shop.cleanup());

/** Runs a command that must be refused and leave the database exactly as it was. */
function refused(args: string[], code: number, stderr: string | RegExp): void {
  const before = shop.dump();
  const r = shop.run(args);
  expect([r.code, r.stdout]).toEqual([code, '']);
  if (typeof stderr === 'string') expect(r.stderr).toBe(`orders: ${stderr}\n`);
  else expect(r.stderr).toMatch(stderr);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(shop.dump()).toBe(before);
}

describe('orders refund', () => {
  it('pays back an overpaid order cancelled by the customer, in parts, on a final order', () => {
    addKaos(shop);
    shop.ok(['pay', '1', '170.000']);
    shop.ok(['cancel', '1', '--by', 'customer', '--reason', 'acara batal', '--yes']);
    expect(shop.okJson(['show', '1']).balance).toBe(-85000);
    refused(['refund', '1', '100.000'], 1, 'Order 1 owes the customer Rp 85.000; a refund of Rp 100.000 would be more than that.');
    refused(['refund', '1', 'lots'], 2, /^orders: Invalid refund amount "lots": use a non-negative number such as/);
    refused(['refund', '1', '0'], 2, 'Invalid refund amount "0": a refund must be more than zero (or all).');
    const part = shop.run(['refund', '1', '50.000', '--method', 'transfer', '--reason', 'kelebihan bayar']);
    expect(part.code).toBe(0);
    expect(part.stdout).toContain('Refund recorded for order 1 (transfer); Rp 35.000 is still owed back.');
    expect(part.stdout).toContain('Dana sebesar Rp 50.000 untuk pesanan #1 sudah kami kembalikan lewat transfer bank. Sisanya sebesar Rp 35.000 akan segera kami kembalikan juga.');
    const rest = shop.okJson(['refund', '1', 'all', '--lang', 'en']);
    expect(rest).toMatchObject({ status: 'cancelled', balance: 0, paid: 85000, refunded: 85000 });
    expect(rest.messages[0].text).toContain('We have paid back Rp 35.000 in cash for order #1. With this, everything we owed you on this order has been returned.');
    refused(['refund', '1', 'all'], 1, 'Order 1 has nothing owed back to the customer (it is settled), so there is nothing to refund.');
    expect(shop.query("SELECT kind, amount, method, note FROM ledger WHERE kind = 'refund' ORDER BY id")).toEqual([
      { kind: 'refund', amount: 50000, method: 'transfer', note: 'kelebihan bayar' },
      { kind: 'refund', amount: 35000, method: 'cash', note: 'owed back' },
    ]);
    expect(shop.query("SELECT template FROM communications WHERE template = 'refund-notice'")).toHaveLength(2);
  });

  it('refuses an order that owes the shop, naming what is owed', () => {
    addKaos(shop);
    shop.ok(['pay', '1', '85.000']);
    refused(['refund', '1', 'all'], 1, 'Order 1 has nothing owed back to the customer (they still owe Rp 85.000), so there is nothing to refund.');
    refused(['refund', '9', 'all'], 1, 'Order 9 does not exist; `orders list` shows the orders.');
  });
});

describe('orders void', () => {
  it('voids an order with no money on it; it counts nowhere', () => {
    addKaos(shop);
    addKaos(shop);
    refused(['void', '2', '--reason', 'dobel'], 2, 'Void order 2 ("Budi Santoso", pending) as entered by mistake, so that it counts nowhere: this needs confirmation; add --yes to run it without a terminal.');
    refused(['void', '2', '--reason', '  ', '--yes'], 2, '--reason needs a non-empty text.');
    const v = shop.okJson(['void', '2', '--reason', 'dobel', '--yes']);
    expect(v).toMatchObject({ id: 2, status: 'void', void_reason: 'dobel', voided_on: '2026-11-25' });
    expect(shop.query('SELECT count(*) AS n FROM communications WHERE order_id = 2')[0].n).toBe(1); // only the terms from add
    expect(shop.okJson(['list']).map((o: any) => o.id)).toEqual([1]);
    expect(shop.okJson(['list', '--status', 'void']).map((o: any) => o.id)).toEqual([2]);
    expect(shop.okJson(['customers'])[0]).toMatchObject({ orders: 1 });
    expect(shop.okJson(['report', '--from', '2026-11-01', '--to', '2026-11-30']).orders).toBe(1);
    const ids = (args: string[]) => shop.ok(['export', 'orders', ...args]).trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    expect(ids([])).toEqual(['1']);
    expect(ids(['--include-void'])).toEqual(['1', '2']);
    expect(ids(['--status', 'void'])).toEqual(['2']);
    refused(['void', '2', '--reason', 'lagi', '--yes'], 1, 'Order 2 cannot be voided: it was voided (entered by mistake).');
    refused(['pay', '2', '10.000'], 1, /^orders: Order 2 cannot take a payment: it was voided/);
    refused(['edit', '2', '--pickup', '2026-12-03'], 1, 'Order 2 cannot be edited: it was voided (entered by mistake).');
  });

  it('refuses an order with money on it, pointing to refund or cancel', () => {
    addKaos(shop);
    shop.ok(['pay', '1', '85.000']);
    refused(['void', '1', '--reason', 'salah', '--yes'], 1, 'Order 1 cannot be voided: it has Rp 85.000 paid on it; cancel it instead (`orders cancel 1 --by customer|shop`).');
    shop.ok(['pay', '1', '85.000']);
    shop.ok(['edit', '1', '--item', 'Kaos sablon:1:85.000']);
    refused(['void', '1', '--reason', 'salah', '--yes'], 1, 'Order 1 cannot be voided: it has Rp 170.000 paid on it; refund it first (`orders refund 1 all`).');
    shop.ok(['refund', '1', 'all']);
    refused(['void', '1', '--reason', 'salah', '--yes'], 1, 'Order 1 cannot be voided: it has Rp 85.000 paid on it; cancel it instead (`orders cancel 1 --by customer|shop`).');
  });

  it('leaves a void order out of the no-show count that raises the DP', () => {
    addKaos(shop);
    shop.ok(['void', '1', '--reason', 'salah input', '--yes']);
    expect(addKaos(shop).deposit_required).toBe(85000);
  });
});

describe('names are never changed silently', () => {
  it('add keeps the name on file and says so; customers set renames, logged', () => {
    addKaos(shop);
    const r = shop.run(['add', '--customer', 'Budi S.', '--phone', '+62 812 3456 7890', '--item', 'Stiker:10:1.000', '--pickup', '2026-12-01', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('orders: note: +6281234567890 is already on file as "Budi Santoso", so the order is under that name; to rename: `orders customers set +6281234567890 --name "Budi S."`.\n');
    expect(JSON.parse(r.stdout).customer.name).toBe('Budi Santoso');
    expect(shop.okJson(['show', '1']).customer.name).toBe('Budi Santoso');
    refused(['customers', 'set', '0812-3456-7890'], 2, 'Say what to set: `orders customers set PHONE|ID --name NAME`.');
    refused(['customers', 'set', '0812-3456-7890', '--name', 'Budi Santoso'], 1, '+6281234567890 is already named "Budi Santoso"; nothing was changed.');
    refused(['customers', 'set', '0899-0000-0000', '--name', 'X'], 1, 'No customer with phone +6289900000000; `orders customers` lists them.');
    expect(shop.ok(['customers', 'set', '1', '--name', 'Budi S.'])).toBe('Customer 1 (+6281234567890) renamed from "Budi Santoso" to "Budi S."; the change is in the evidence log.\n');
    expect(shop.okJson(['show', '1']).customer.name).toBe('Budi S.');
    expect(shop.query("SELECT order_id, kind, channel, text FROM communications WHERE kind = 'note'")).toEqual([
      { order_id: null, kind: 'note', channel: 'internal', text: 'customer renamed: "Budi Santoso" -> "Budi S."' },
    ]);
    expect(shop.run(['verify']).code).toBe(0);
  });
});

describe('orders compensate', () => {
  function delivered(): void {
    shop.ok(['config', 'set', 'delivery.base_fee', '20.000']);
    addKaos(shop);
    shop.ok(['pay', '1', '85.000']);
    shop.ok(['confirm', '1', '--via', 'whatsapp']);
    shop.ok(['ready', '1']);
    shop.ok(['deliver', '1', '--accept']);
  }

  it('late, with a paid delivery fee waived: the fee is paid back and the apology states the whole amount', () => {
    delivered();
    const pay = shop.ok(['pay', '1', '105.000']);
    expect(pay).toBe('Payment of Rp 105.000 (cash) recorded for order 1. Paid Rp 190.000 of Rp 190.000 (goods Rp 170.000 and fees Rp 20.000); paid in full (lunas).\n');
    const o = shop.okJson(['compensate', '1', '--kind', 'late', '--reason', 'telat 2 hari', '--waive-delivery', '--refund', '25.000']);
    expect(o).toMatchObject({ balance: 0, paid: 145000, refunded: 45000 });
    expect(o.messages[0].template).toBe('delay-apology');
    expect(o.messages[0].text).toContain('- pengembalian dana sebesar Rp 25.000\n- gratis ongkos kirim: ongkir Rp 20.000 yang sudah dibayarkan kami kembalikan\nTotal dana yang kami kembalikan: Rp 45.000.');
    expect(shop.query("SELECT kind, amount FROM ledger WHERE kind IN ('refund', 'compensation', 'waiver') ORDER BY id")).toEqual([
      { kind: 'refund', amount: 25000 }, { kind: 'compensation', amount: 25000 }, { kind: 'waiver', amount: 20000 }, { kind: 'refund', amount: 20000 },
    ]);
  });

  it('an unpaid fee is waived, not refunded; other kinds get the service apology', () => {
    delivered();
    const o = shop.okJson(['compensate', '1', '--kind', 'defect', '--reason', 'sablon luntur', '--waive-delivery', '--lang', 'en']);
    expect(o.balance).toBe(85000);
    expect(o.messages[0].template).toBe('service-apology');
    expect(o.messages[0].text).toContain('We are sorry: with order #1, the goods we gave you had a defect. That is our mistake');
    expect(o.messages[0].text).toContain('- free delivery: we waive the delivery fee of Rp 20.000');
    expect(o.messages[0].text).not.toContain('In all');
    expect(shop.okJson(['customers'])[0].shop_failures).toBe(1);
  });

  it('is refused where the shop was not at fault', () => {
    addKaos(shop);
    shop.ok(['pay', '1', '170.000']);
    shop.ok(['cancel', '1', '--by', 'customer', '--reason', 'batal', '--yes']);
    refused(['compensate', '1', '--kind', 'price', '--reason', 'x', '--refund', '10.000'], 1,
      'Order 1 cannot be compensated: it was cancelled by the customer, so the shop was not at fault; money owed back there is a refund (`orders refund 1 AMOUNT|all`).');
    refused(['compensate', '1', '--kind', 'oops', '--reason', 'x', '--refund', '10.000'], 2, /--kind <kind>' argument 'oops' is invalid\. Allowed choices are late, defect, wrong-item, price, other\./);
  });
});

describe('paid in full', () => {
  it('a DP of 100% and a settled order are spoken of as lunas / paid in full', () => {
    const o = shop.okJson(['add', '--customer', 'Sari', '--phone', '0813-1111-2222', '--item', 'Nasi box:10:25.000', '--pickup', '2026-12-01', '--deposit', '100%', '--custom', '--lang', 'en']);
    const [terms, request] = o.messages.map((m: any) => m.text);
    expect(terms).toContain('1. Payment: orders are paid in full (Rp 250.000) before we start work, so nothing is left to pay at pickup.');
    expect(terms).toContain('6. If you cancel: the payment covers the work and materials we have already committed, so it is not refunded.');
    expect(terms).not.toMatch(/\bDP\b|down payment|balance/i);
    expect(request).toContain('Payment in full before we start: Rp 250.000');
    expect(request).not.toMatch(/Down payment/);
    shop.ok(['pay', '1', '250.000']);
    const confirmed = shop.okJson(['confirm', '1', '--via', 'whatsapp', '--note', 'Ya setuju']);
    expect(confirmed.status).toBe('confirmed');
    const ready = shop.ok(['ready', '1']);
    expect(ready).toContain('Pembayaran: sudah lunas, tidak ada sisa yang perlu dibayar.');
    expect(ready).not.toContain('Sisa pembayaran');
    const msg = shop.okJson(['message', '1', 'order-confirmed', '--dry-run']);
    expect(msg.text).toContain('konfirmasi pesanan dan pelunasan sebesar Rp 250.000 sudah kami terima');
    expect(msg.text).not.toContain('DP');
  });
});
