// Builds a benchmark database through the project's own data layer, reproducibly from a seed:
// two years of orders with a realistic mix of statuses, payments and messages, with ids in order
// of creation as in a shop's own database, plus (with
// --due N) N ready orders whose pickup passed 3-9 days ago, due for storage fees or cancellation.
import { addDays } from '../src/core/dates.ts';
import type { ImportedOrder } from '../src/core/import-row.ts';
import { percentOf } from '../src/core/money.ts';
import { withDefaults } from '../src/core/settings.ts';
import { freezeTerms } from '../src/core/terms.ts';
import { appendCommunications } from '../src/db/communications.ts';
import { OrderImport } from '../src/db/import.ts';
import { query } from '../src/db/dialect.ts';
import { openDatabase } from '../src/db/sqlite.ts';
import { writeTransaction } from '../src/db/tx.ts';
import type { DB } from '../src/db/types.ts';
import { writeSettings } from '../src/db/settings.ts';

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  path: string;
  orders: number;
  due: number;
  seed: number;
  now: string;
}

const ITEMS = [['Kaos sablon', 85000], ['Stiker vinyl', 1500], ['Spanduk 3x1m', 120000], ['Mug custom', 40000], ['Kartu nama (box)', 60000], ['Topi bordir', 55000], ['Undangan', 7500]] as const;
const NAMES = ['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Eko', 'Ani', 'Joko', 'Sri', 'Wati', 'Andi', 'Putri', 'Hendra', 'Maya', 'Dian'];
const SURNAMES = ['Santoso', 'Rahma', 'Wijaya', 'Lestari', 'Saputra', 'Kusuma', 'Hidayat', 'Pratama', 'Anggraini', 'Nugroho'];

export async function generate(o: GenerateOptions): Promise<void> {
  const { db } = openDatabase(o.path, false);
  const settings = { 'shop.name': 'Toko Bench', timezone: 'Asia/Jakarta', 'storage.fee_per_day': '10000', 'delivery.base_fee': '20000', 'delivery.packaging_fee': '5000' };
  await writeSettings(db, settings);
  const terms = freezeTerms(withDefaults(settings), 50, '2025-01-01');
  const rnd = mulberry32(o.seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const customers = Math.max(1, Math.floor(o.orders / 10));
  const span = 700;
  const start = addDays(o.now, -span);
  let comms: Parameters<typeof appendCommunications>[1][number][] = [];
  const at = (date: string) => `${date}T10:00:00+07:00`;
  // Drawn first, then written in order of creation: a shop's ids grow with time, so the orders
  // around today sit together at the end of the table, as they do in a real database.
  const drawn: { order: ImportedOrder; created: string; message: 'contact' | 'complaint' | null }[] = [];
  for (let i = 1; i <= o.orders; i++) {
    const c = 1 + Math.floor(rnd() * customers);
    const [desc, price] = pick(ITEMS);
    const qty = 1 + Math.floor(rnd() * 30);
    const total = qty * price;
    const dp = percentOf(total, 50);
    let created: string;
    let pickup: string;
    if (i <= o.due) {
      pickup = addDays(o.now, -(3 + Math.floor(rnd() * 7)));
      created = addDays(pickup, -7);
    } else {
      created = addDays(start, Math.floor(rnd() * span));
      pickup = addDays(created, 3 + Math.floor(rnd() * 12));
    }
    const base: ImportedOrder = {
      id: null, external_ref: null, status: 'pending', customer_name: `${pick(NAMES)} ${pick(SURNAMES)} ${c}`,
      phone: `+62812${String(10_000_000 + c)}`, created_at: at(created), pickup_date: pickup,
      items: [{ description: desc, quantity: qty, unit_price: price }], total, deposit_required: dp, deposit_percent: 50,
      money: { payments: 0, refunded: 0, forfeited: 0, storage_fees: 0, delivery_fees: 0, compensation: 0, waived: 0 },
      last_fee_date: null, custom: false, needs_confirmation: false, note: null, confirmed_on: null, ready_on: null,
      completed_on: null, cancelled_on: null, cancelled_by: null, cancel_reason: null, hold_until: null, fulfilment: 'pickup',
      delivery_eta: null, delivery_after_hours: false, terms: { ...terms, agreed_on: created },
    };
    const r = rnd();
    let order: ImportedOrder;
    if (i <= o.due) {
      order = { ...base, status: 'ready', confirmed_on: created, ready_on: pickup, money: { ...base.money, payments: dp } };
    } else if (pickup < addDays(o.now, -10)) {
      if (r < 0.85) order = { ...base, status: 'completed', confirmed_on: created, ready_on: pickup, completed_on: addDays(pickup, Math.floor(rnd() * 3)), money: { ...base.money, payments: total } };
      else if (r < 0.9) order = { ...base, status: 'cancelled', cancelled_by: 'customer', cancel_reason: 'changed plans', cancelled_on: addDays(created, 1), money: { ...base.money, payments: dp, forfeited: dp } };
      else if (r < 0.92) order = { ...base, status: 'cancelled', cancelled_by: 'shop', cancel_reason: 'stock ran out', cancelled_on: addDays(created, 2), money: { ...base.money, payments: dp, refunded: dp } };
      else order = { ...base, status: 'cancelled', cancelled_by: 'policy', cancel_reason: 'no-show', confirmed_on: created, ready_on: pickup, cancelled_on: addDays(pickup, 7), last_fee_date: addDays(pickup, 6), money: { ...base.money, payments: dp, forfeited: dp, storage_fees: 40000 } };
    } else if (pickup < o.now) {
      order = r < 0.9
        ? { ...base, status: 'completed', confirmed_on: created, ready_on: pickup, completed_on: pickup, money: { ...base.money, payments: total } }
        : { ...base, status: 'ready', confirmed_on: created, ready_on: pickup, money: { ...base.money, payments: dp } };
    } else {
      order = r < 0.3 ? base : r < 0.8
        ? { ...base, status: 'confirmed', confirmed_on: created, money: { ...base.money, payments: dp } }
        : { ...base, status: 'ready', confirmed_on: created, ready_on: o.now, money: { ...base.money, payments: dp } };
    }
    drawn.push({ order, created, message: rnd() < 0.1 ? (rnd() < 0.1 ? 'complaint' : 'contact') : null });
  }
  drawn.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  // Written as `orders import` writes (src/services/import.ts): one write transaction, a page
  // of orders at a time, the new ledger rows and events sealed at the end.
  await writeTransaction(db, async (trx: DB) => {
    const writer = new OrderImport(trx);
    await writer.start();
    const PAGE = 1000;
    for (let p = 0; p < drawn.length; p += PAGE) {
      const page = drawn.slice(p, p + PAGE);
      await writer.lookup([]);
      const messages: { id: number; created: string; message: 'contact' | 'complaint' }[] = [];
      for (const { order, created, message } of page) {
        const id = writer.add(order, at(created), 'bench');
        if (message) messages.push({ id, created, message });
      }
      await writer.flush();
      if (messages.length) {
        const ids = messages.map((m) => m.id);
        const customerOf = new Map((await query<{ id: number; customer_id: number }>(trx, `SELECT id, customer_id FROM orders WHERE id IN (${ids.map(() => '?').join(', ')})`, ids)).map((r) => [r.id, r.customer_id]));
        for (const { id, created, message } of messages) {
          comms.push({ order_id: id, customer_id: customerOf.get(id)!, direction: 'in', channel: 'whatsapp', kind: message, text: 'Kak, pesanan saya sudah jadi belum?', created_at: at(created) });
        }
        if (comms.length >= 500) {
          await appendCommunications(trx, comms);
          comms = [];
        }
      }
    }
    await appendCommunications(trx, comms);
    await writer.seal();
  });
}

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')) as [string, string][]);
await generate({ path: args.db!, orders: Number(args.orders ?? 1000), due: Number(args.due ?? 0), seed: Number(args.seed ?? 42), now: args.now ?? '2026-11-25' });
