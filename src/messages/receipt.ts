import type { Item } from '../core/items.js';
import type { Terms } from '../core/terms.js';
import { monthName, type Lang } from './format.js';

/** Everything a printed nota says (SPEC 14), gathered by the service. */
export interface ReceiptFacts {
  number: number;
  reprintOf: number | null;
  /** ISO 8601 with the shop's offset */
  printedAt: string;
  shop: { name: string; address: string; phone: string };
  orderId: number;
  status: string;
  customerName: string;
  items: Item[];
  total: number;
  depositRequired: number;
  payments: { kind: 'payment' | 'refund'; amount: number; method: string | null; created_at: string }[];
  /** storage and delivery fees charged, net of waivers */
  fees: number;
  compensation: number;
  balance: number;
  fulfilment: 'pickup' | 'delivery';
  /** the pickup date, or a delivery's day */
  dueOn: string;
  terms: Terms;
}

const WORDS = {
  id: {
    title: 'NOTA', reprint: (n: string) => `Cetak ulang dari nota No. ${n}`, date: 'Tanggal', order: 'Pesanan', customer: 'Pelanggan',
    total: 'Total', dp: (p: number) => `DP ${p}%`, payments: 'Pembayaran', refund: 'Pengembalian', fees: 'Biaya simpan/kirim',
    compensation: 'Kompensasi', balance: 'Sisa', owed: 'Kami kembalikan', paidUp: '*** LUNAS ***', pickup: 'Ambil', delivery: 'Perkiraan tiba',
    cancelled: '*** DIBATALKAN ***', termsTitle: 'Ketentuan singkat:', thanks: 'Terima kasih atas kepercayaan Anda!',
    termDp: (p: number) => `DP ${p}% tidak dikembalikan bila pesanan dibatalkan pemesan.`,
    termHold: (g: number, fee: string | null) => `Disimpan gratis ${g} hari setelah tanggal ambil${fee ? `, lalu ${fee}/hari` : ''}.`,
    termCancel: (c: number) => `Tidak diambil ${c} hari tanpa kabar: batal otomatis, DP hangus.`,
    termDelivery: 'Bila tidak ada yang dapat menerima pesanan, kami sepakati hari pengiriman lain.',
    method: { cash: 'tunai', transfer: 'transfer', card: 'kartu', other: 'lainnya' } as Record<string, string>,
  },
  en: {
    title: 'RECEIPT', reprint: (n: string) => `Reprint of receipt No. ${n}`, date: 'Date', order: 'Order', customer: 'Customer',
    total: 'Total', dp: (p: number) => `Down payment ${p}%`, payments: 'Payments', refund: 'Refund', fees: 'Storage/delivery',
    compensation: 'Compensation', balance: 'Balance due', owed: 'We owe you', paidUp: '*** PAID IN FULL (LUNAS) ***', pickup: 'Pickup', delivery: 'Delivery ETA',
    cancelled: '*** CANCELLED ***', termsTitle: 'Terms in short:', thanks: 'Thank you for your order!',
    termDp: (p: number) => `The ${p}% down payment is not refunded if you cancel.`,
    termHold: (g: number, fee: string | null) => `Held free for ${g} days after the pickup date${fee ? `, then ${fee} per day` : ''}.`,
    termCancel: (c: number) => `Not collected within ${c} days and no word from you: cancelled, down payment forfeited.`,
    termDelivery: 'If nobody can receive the order, we agree on another day with you.',
    method: { cash: 'cash', transfer: 'transfer', card: 'card', other: 'other' } as Record<string, string>,
  },
} as const;

const length = (s: string) => [...s].length;

/** Control characters and direction overrides never reach the printer or terminal raw (SPEC 12). */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const printable = (s: string) => s.replace(UNPRINTABLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);

/** Words to lines of at most width characters; a word longer than a line is cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of printable(text).split(/\s+/).filter(Boolean)) {
    while (length(word) > width) {
      if (line) lines.push(line);
      line = '';
      lines.push([...word].slice(0, width).join(''));
      word = [...word].slice(width).join('');
    }
    if (!word) continue;
    if (!line) line = word;
    else if (length(line) + 1 + length(word) <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A label on the left and an amount flush right; on two lines when both do not fit. */
function leftRight(left: string, right: string, width: number): string[] {
  const gap = width - length(left) - length(right);
  if (gap >= 1) return [left + ' '.repeat(gap) + right];
  return [...wrap(left, width), ' '.repeat(Math.max(0, width - length(right))) + right];
}

function centre(text: string, width: number): string[] {
  return wrap(text, width).map((l) => ' '.repeat(Math.floor((width - length(l)) / 2)) + l);
}

/**
 * A short date for a receipt: 02/12/2026 (id) or 2026-12-02 (en); on 58 mm paper 02/12/26 (id)
 * or 02 Dec 26 (en), whose named month reads one way where `26-12-02` reads three.
 */
export function shortDate(iso: string, lang: Lang, narrow = false): string {
  const [y, m, d] = iso.slice(0, 10).split('-') as [string, string, string];
  if (narrow) return lang === 'id' ? `${d}/${m}/${y.slice(2)}` : `${d} ${monthName(Number(m), 'en').slice(0, 3)} ${y.slice(2)}`;
  return lang === 'id' ? `${d}/${m}/${y}` : `${y}-${m}-${d}`;
}

/**
 * The nota as lines of at most `width` characters (32 for 58 mm paper, 48 for 80 mm), in
 * the customer's language, money written by `money`.
 */
export function receiptLines(f: ReceiptFacts, width: number, lang: Lang, money: (minor: number) => string, longDate: (d: string) => string): string[] {
  const w = WORDS[lang];
  const rule = (c: string) => c.repeat(width);
  const number = String(f.number).padStart(6, '0');
  const out: string[] = [
    ...centre(f.shop.name.toUpperCase(), width),
    ...(f.shop.address ? centre(f.shop.address, width) : []),
    ...(f.shop.phone ? centre(f.shop.phone, width) : []),
    rule('='),
    ...leftRight(`${w.title} No. ${number}`, `${shortDate(f.printedAt, lang)} ${f.printedAt.slice(11, 16)}`, width),
    ...(f.reprintOf !== null ? wrap(`(${w.reprint(String(f.reprintOf).padStart(6, '0'))})`, width) : []),
    ...leftRight(`${w.order}:`, `#${f.orderId}`, width),
    ...wrap(`${w.customer}: ${f.customerName}`, width),
    rule('-'),
  ];
  for (const it of f.items) {
    out.push(...wrap(it.description, width));
    out.push(...leftRight(`  ${it.quantity} x ${money(it.unit_price)}`, money(it.quantity * it.unit_price), width));
  }
  out.push(rule('-'), ...leftRight(w.total, money(f.total), width));
  if (f.fees) out.push(...leftRight(w.fees, money(f.fees), width));
  if (f.compensation) out.push(...leftRight(w.compensation, `-${money(f.compensation)}`, width));
  out.push(...leftRight(w.dp(f.terms.deposit_percent), money(f.depositRequired), width));
  if (f.payments.length) {
    out.push(`${w.payments}:`);
    for (const p of f.payments) {
      const how = p.kind === 'refund' ? w.refund : p.method ? w.method[p.method] ?? p.method : '';
      const label = `  ${shortDate(p.created_at, lang, width < 40)} ${how}`.trimEnd();
      out.push(...leftRight(label, `${p.kind === 'refund' ? '-' : ''}${money(p.amount)}`, width));
    }
  }
  out.push(rule('-'));
  if (f.status === 'cancelled') out.push(...centre(w.cancelled, width));
  if (f.balance > 0) out.push(...leftRight(w.balance, money(f.balance), width));
  else if (f.balance < 0) out.push(...leftRight(w.owed, money(-f.balance), width));
  else if (f.status !== 'cancelled') out.push(...centre(w.paidUp, width));
  const when = `${f.fulfilment === 'delivery' ? w.delivery : w.pickup}: ${longDate(f.dueOn)}`;
  out.push(...wrap(when, width), rule('-'), w.termsTitle);
  const t = f.terms;
  const after = f.fulfilment === 'delivery' ? [w.termDelivery] : [w.termHold(t.grace_days, t.storage_fee_per_day ? money(t.storage_fee_per_day) : null), w.termCancel(t.cancel_after_days)];
  for (const term of [w.termDp(t.deposit_percent), ...after]) {
    out.push(...wrap(`- ${term}`, width - 2).map((l, i) => (i === 0 ? l : `  ${l}`)));
  }
  out.push(rule('='), ...centre(w.thanks, width));
  return out;
}
