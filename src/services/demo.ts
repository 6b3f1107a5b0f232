import { addDays, isoInZone, parseNow } from '../core/dates.js';
import { RefusedError } from '../core/errors.js';
import { hasOrders } from '../db/orders.js';
import { parseItem } from '../core/items.js';
import { logContact } from './contact.js';
import type { ServiceContext } from './context.js';
import { acceptDelivery, completeDelivery } from './fulfilment.js';
import { compensate } from './money.js';
import { addOrder, cancelOrder, confirmOrder, payOrder, pickupOrder, readyOrder } from './orders.js';
import { loadSettings, setSettings } from './settings.js';
import { remind } from './remind.js';
import { sweep } from './sweep.js';

type Step = (ctx: ServiceContext) => Promise<unknown>;

/**
 * A sample shop built through the real services, day by day over two weeks, with a sweep each
 * night and `orders remind` each morning: completed orders, one due today, reminders due, a late one accruing fees, a no-show,
 * a shop-side cancellation, a late delivery compensated, a complaint.
 */
export async function buildDemo(base: ServiceContext): Promise<{ orders: number; from: string; to: string }> {
  if (await hasOrders(base.db)) throw new RefusedError('The demo needs a new, empty database; name one with --db (for example --db /tmp/toko-demo.db).');
  await setSettings(base.db, {
    'shop.name': 'Toko Maju Jaya', currency: 'IDR', locale: 'id', lang: 'id', 'storage.fee_per_day': '10000',
    'delivery.base_fee': '20000', 'delivery.packaging_fee': '5000', 'delivery.after_hours_fee': '15000',
  });
  const settings = await loadSettings(base.db);
  const d0 = addDays(base.today, -14);
  const at = (n: number): ServiceContext => {
    const today = addDays(d0, n);
    return { ...base, settings, currency: base.currency, locale: 'id', lang: 'id', today, nowIso: isoInZone(parseNow(`${today}T10:00`, base.offset), base.offset) };
  };
  const ids: Record<string, number> = {};
  const deposits: Record<string, number> = {};
  const order = (key: string, name: string, phone: string, item: string, pickupDay: number, custom = false): Step => async (ctx) => {
    const { view } = await addOrder(ctx, { name, phone, items: [parseItem(item, ctx.currency, 'id')], pickupDate: addDays(d0, pickupDay), custom });
    ids[key] = view.row.id;
    deposits[key] = view.row.deposit_required;
  };
  const dp = (key: string): Step => (ctx) => payOrder(ctx, ids[key]!, deposits[key]!, 'transfer');
  const confirm = (key: string, note?: string): Step => (ctx) => confirmOrder(ctx, ids[key]!, { via: 'whatsapp', note, withoutDeposit: false });
  const ready = (key: string): Step => (ctx) => readyOrder(ctx, ids[key]!);
  const plan: Record<number, Step[]> = {
    0: [
      order('budi', 'Budi Santoso', '+6281234567890', 'Kaos sablon hitam:24:85.000', 5, true), dp('budi'), confirm('budi', 'Ya, 24 kaos hitam, sablon depan, ukuran L semua. Setuju.'),
      order('siti', 'Siti Rahmawati', '+6281298765432', 'Undangan pernikahan:200:7.500', 6), dp('siti'), confirm('siti', 'Oke kak, 200 lembar, teks sesuai file terakhir.'),
      order('dewi', 'Dewi Lestari', '+6281311112222', 'Kain batik motif parang:10:150.000', 10, true), dp('dewi'),
      order('putri', 'Putri Anggraini', '+6285712345678', 'Kaos polos putih:5:85.000', 8), dp('putri'),
    ],
    1: [order('agus', 'Agus Pratama', '+6281377778888', 'Spanduk 3x1m:2:120.000', 9), dp('agus'), confirm('agus')],
    2: [(ctx) => cancelOrder(ctx, ids.putri!, 'customer', 'acara dibatalkan')],
    3: [(ctx) => cancelOrder(ctx, ids.dewi!, 'shop', 'stok kain batik motif parang habis dari pemasok')],
    4: [ready('budi'), order('emily', 'Emily Clarke', '+447911123456', 'Canvas tote bag:5:75.000', 10), dp('emily'), confirm('emily')],
    5: [(ctx) => pickupOrder(ctx, ids.budi!, { pay: true, method: 'cash' }), order('budi2', 'Budi Santoso', '+6281234567890', 'Stiker vinyl:100:1.500', 12), dp('budi2'), confirm('budi2', 'Siap, 100 stiker ukuran 5x5 cm.')],
    6: [ready('siti'), order('sarah', 'Sarah Johnson', '+6281355556666', 'Mug custom:12:40.000', 14), dp('sarah'), confirm('sarah')],
    8: [order('michael', 'Michael Tan', '+6281244443333', 'Kartu nama (box):3:60.000', 15), dp('michael'), confirm('michael')],
    9: [ready('agus'), ready('emily'), (ctx) => acceptDelivery(ctx, ids.emily!, { afterHours: true, eta: addDays(d0, 10) })],
    10: [order('eko', 'Eko Nugroho', '+6281566667777', 'Topi bordir:20:55.000', 16), dp('eko'), confirm('eko')],
    11: [
      (ctx) => logContact(ctx, ids.emily!, { direction: 'in', via: 'whatsapp', complaint: true, text: 'The bags arrived a day late, we needed them for the fair.' }),
      (ctx) => compensate(ctx, ids.emily!, { kind: 'late', reason: 'delivered a day late', refund: 0, waiveDelivery: true }),
      (ctx) => completeDelivery(ctx, ids.emily!, { pay: true, method: 'transfer' }),
      order('rina', 'Rina Kusuma', '+6281822223333', 'Stiker vinyl:500:1.500', 18),
    ],
    12: [ready('budi2'), (ctx) => pickupOrder(ctx, ids.budi2!, { pay: true, method: 'cash' }), ready('sarah'),
      (ctx) => logContact(ctx, ids.agus!, { direction: 'in', via: 'whatsapp', complaint: false, text: 'Maaf kak, saya baru bisa ambil minggu depan.' })],
  };
  for (let n = 0; n <= 14; n++) {
    const ctx = at(n);
    // The owner's routine: each morning `orders remind` prints what the night's sweep queued;
    // today's messages are left for whoever tries the demo.
    if (n > 0 && n < 14) await remind({ ...ctx, nowIso: isoInZone(parseNow(`${ctx.today}T08:00`, base.offset), base.offset) }, { dryRun: false, send: false });
    for (const step of plan[n] ?? []) await step(ctx);
    if (n < 14) await sweep({ ...ctx, nowIso: isoInZone(parseNow(`${addDays(d0, n + 1)}T01:00`, base.offset), base.offset), today: addDays(d0, n + 1) }, false);
  }
  return { orders: Object.keys(ids).length, from: d0, to: base.today };
}

