import { addDays } from '../core/dates.js';
import type { Item } from '../core/items.js';
import type { Currency } from '../core/money.js';
import type { Clock } from '../core/policy.js';
import type { Terms } from '../core/terms.js';
import { longDate, messageMoney, type Lang } from './format.js';
import { Missing, type Values } from './render.js';
import { addressOf, type Salutation } from './salutation.js';

/** Everything a message may say, gathered by the service; this module only words and formats it. */
export interface ShopFacts {
  name: string;
  salutation: 'formal' | 'casual';
  locale: string;
  currency: Currency;
  reminderDays: number[];
  /** payment.instructions: bank account, QRIS (empty: none set) */
  paymentInstructions: string;
  /** noshow.notice_days */
  noticeDays: number;
}

export interface OrderFacts {
  id: number;
  status: string;
  customerName: string;
  customerSalutation: Salutation | null;
  items: Item[];
  total: number;
  depositRequired: number;
  paid: number;
  balance: number;
  pickupDate: string;
  readyOn: string | null;
  holdUntil: string | null;
  /** the no-show clock, or the clock the order would have if it became ready today */
  clock: Clock;
  storageFees: number;
  forfeited: number;
  refunded: number;
  cancelReason: string | null;
  /** delivered instead of picked up (set at `add --deliver`, or a delivery accepted): no pickup wording */
  delivery: boolean;
  /** the pickup date, or a delivery's day (core/due.ts) */
  dueOn: string;
  deliveryEta: string | null;
  deliveryAfterHours: boolean;
  /** this order's own delivery fee, in place of the terms' base fee */
  deliveryFee: number | null;
  deliveryAddress: string | null;
  deliveryCourier: string | null;
  deliveryTracking: string | null;
  /** what compensation gave; kind is what went wrong (COMPENSATION_KINDS), feeRefunded a waived fee paid back */
  compensation: { refund: number; waivedDelivery: number; feeRefunded: number; kind: string | null } | null;
  lastComplaint: string | null;
  /** everything owed is paid (an open or completed order): "lunas" */
  settled: boolean;
  lastRefund: { amount: number; method: string | null } | null;
  /** the total before the edit a requote is about */
  oldTotal: number | null;
  /** the alternative offered with a shop cancellation */
  offer: string | null;
}

const WORDS = {
  en: {
    when: (n: number) => (n === 0 ? 'today' : n === 1 ? 'tomorrow' : `in ${n} days`),
    reminderDays: (days: number[]) => days.length ? `${days.map((d) => (d === 1 ? '1 day' : `${d} days`)).join(' and ')} before the pickup date` : 'before the pickup date',
    item: (it: Item) => `- ${it.quantity} x ${it.description}`,
    refund: (m: string) => `- a refund of ${m}`,
    waived: (m: string) => `- free delivery: we waive the delivery fee of ${m}`,
    feeRefunded: (m: string) => `- free delivery: we pay back the delivery fee of ${m} you already paid`,
    method: { cash: 'in cash', transfer: 'by bank transfer', card: 'to your card', other: 'as agreed with you' } as Record<string, string>,
    problem: {
      defect: 'the goods we gave you had a defect', 'wrong-item': 'we gave you the wrong item',
      price: 'we charged you the wrong price', other: 'our service fell short of what you should be able to expect from us',
    } as Record<string, string>,
  },
  id: {
    when: (n: number) => (n === 0 ? 'hari ini' : n === 1 ? 'besok (H-1)' : n === 2 ? `lusa (H-2)` : `dalam ${n} hari (H-${n})`),
    reminderDays: (days: number[]) => days.length ? days.map((d) => `H-${d}`).join(' dan ') : 'sebelum tanggal pengambilan',
    item: (it: Item) => `- ${it.quantity} x ${it.description}`,
    refund: (m: string) => `- pengembalian dana sebesar ${m}`,
    waived: (m: string) => `- gratis ongkos kirim: ongkir ${m} tidak kami tagihkan`,
    feeRefunded: (m: string) => `- gratis ongkos kirim: ongkir ${m} yang sudah dibayarkan kami kembalikan`,
    method: { cash: 'secara tunai', transfer: 'lewat transfer bank', card: 'ke kartu pembayaran', other: 'sesuai kesepakatan kita' } as Record<string, string>,
    problem: {
      defect: 'barang yang kami serahkan ternyata cacat', 'wrong-item': 'barang yang kami serahkan tidak sesuai pesanan',
      price: 'harga yang kami tagihkan keliru', other: 'pelayanan kami belum sesuai dengan yang seharusnya',
    } as Record<string, string>,
  },
} as const;

/** Values of the policy's own terms (for `orders terms`, and under every order's frozen ones). */
export function termsValues(shop: ShopFacts, terms: Terms, lang: Lang): Values {
  const money = (m: number) => messageMoney(m, shop.currency, lang, shop.locale);
  const after = terms.delivery_after_hours_fee;
  return {
    has_order: false,
    delivery: false,
    shop_name: shop.name,
    deposit_percent: String(terms.deposit_percent),
    grace_days: String(terms.grace_days),
    cancel_after_days: String(terms.cancel_after_days),
    ...depositWords(terms.deposit_percent >= 100, lang),
    has_storage_fee: terms.storage_fee_per_day > 0,
    storage_fee: money(terms.storage_fee_per_day),
    has_delivery_fee: terms.delivery_base_fee + terms.delivery_packaging_fee + after > 0,
    delivery_base_fee: money(terms.delivery_base_fee),
    delivery_packaging_fee: money(terms.delivery_packaging_fee),
    delivery_after_hours_fee: money(after),
    reminder_days: WORDS[lang].reminderDays(shop.reminderDays),
    notice_days: String(shop.noticeDays),
    has_payment_instructions: shop.paymentInstructions.trim() !== '',
    payment_instructions: shop.paymentInstructions.trim(),
    agreed_on: longDate(terms.agreed_on, lang),
  };
}

export function orderValues(shop: ShopFacts, terms: Terms, o: OrderFacts, today: string, lang: Lang): Values {
  const w = WORDS[lang];
  const money = (m: number) => messageMoney(m, shop.currency, lang, shop.locale);
  const date = (d: string) => longDate(d, lang);
  const depositDue = Math.max(0, o.depositRequired - o.paid);
  const forfeit = o.forfeited || Math.min(o.paid, o.depositRequired);
  const owedBack = Math.max(0, -o.balance);
  const baseFee = o.deliveryFee ?? terms.delivery_base_fee;
  const deliveryBase = baseFee + terms.delivery_packaging_fee;
  const deliveryTotal = deliveryBase + (o.deliveryAfterHours ? terms.delivery_after_hours_fee : 0);
  const daysToPickup = Math.round((Date.parse(o.pickupDate) - Date.parse(today)) / 86_400_000);
  const address = addressOf(o.customerName, o.customerSalutation, shop.salutation, lang);
  return {
    ...termsValues(shop, terms, lang),
    has_order: true,
    greeting: address.greeting,
    salutation: address.you,
    customer_name: o.customerName,
    order_id: String(o.id),
    items: o.items.map(w.item).join('\n'),
    total: money(o.total),
    deposit: money(o.depositRequired),
    ...depositWords(o.total > 0 && o.depositRequired >= o.total, lang),
    paid: money(o.paid),
    deposit_paid: o.paid >= o.depositRequired && o.paid > 0 && !o.settled,
    paid_in_full: o.settled,
    deposit_due: depositDue > 0,
    deposit_due_amount: money(depositDue),
    has_balance: o.balance > 0,
    balance: money(Math.max(0, o.balance)),
    pickup_date: date(o.pickupDate),
    pickup_when: daysToPickup >= 0 ? w.when(daysToPickup) : new Missing(`is past: the pickup date was ${o.pickupDate}`),
    ready_since: date(o.readyOn ?? o.clock.start),
    free_until: date(o.clock.freeThrough),
    free_hold_over: today > o.clock.freeThrough,
    first_fee_date: date(addDays(o.clock.freeThrough, 1)),
    cancel_date: date(o.clock.cancelOn),
    contact_by: date(addDays(o.clock.cancelOn, -1)),
    hold_until: o.holdUntil ? date(o.holdUntil) : new Missing(`order ${o.id} does not have: no extension was granted (orders extend ${o.id} --days N)`),
    has_storage_fees_accrued: o.storageFees > 0,
    storage_fees_accrued: money(o.storageFees),
    has_forfeit: forfeit > 0,
    forfeit: money(forfeit),
    has_owed_back: owedBack > 0,
    owed_back: money(owedBack),
    has_refund: o.refunded > 0,
    refund: money(o.refunded),
    cancel_reason: o.cancelReason ?? new Missing(`order ${o.id} does not have: it has not been cancelled`),
    before_production: o.status === 'pending',
    delivery: o.delivery,
    delivery_date: date(o.dueOn),
    after_hours: o.deliveryAfterHours,
    delivery_base_fee: money(baseFee),
    has_delivery_address: o.deliveryAddress !== null,
    delivery_address: o.deliveryAddress ?? '',
    has_courier: o.deliveryCourier !== null,
    courier: o.deliveryCourier ?? '',
    has_tracking: o.deliveryTracking !== null,
    tracking: o.deliveryTracking ?? '',
    delivery_total: money(deliveryTotal),
    has_delivery_total: deliveryTotal > 0,
    delivery_eta: date(o.deliveryEta ?? addDays(today, 1)),
    ...compensationValues(o, w, money),
    refund_amount: o.lastRefund ? money(o.lastRefund.amount) : new Missing(`order ${o.id} does not have: no refund was recorded (orders refund ${o.id} AMOUNT|all)`),
    refund_method: o.lastRefund ? w.method[o.lastRefund.method ?? 'other'] ?? w.method.other! : new Missing(`order ${o.id} does not have: no refund was recorded`),
    old_total: o.oldTotal !== null ? money(o.oldTotal) : new Missing(`order ${o.id} does not have: it is shown only when an edit changes the total (orders edit ${o.id} --item ...)`),
    complaint: o.lastComplaint ?? new Missing(`order ${o.id} does not have: no complaint was logged (orders contact ${o.id} --in --complaint ...)`),
    reply_by: date(addDays(today, 1)),
    // The shop's word on when money owed back leaves: two days, enough to receive the account number.
    refund_by: date(addDays(today, 2)),
    has_offer: o.offer !== null,
    offer: o.offer ?? new Missing(`order ${o.id} does not have: no alternative was offered (orders cancel ${o.id} --by shop --offer TEXT)`),
  };
}

type Words = (typeof WORDS)[Lang];

/** The compensation's lines, the whole amount given back, and what went wrong (by its kind). */
function compensationValues(o: OrderFacts, w: Words, money: (m: number) => string): Values {
  const comp = o.compensation;
  if (!comp || !(comp.refund || comp.waivedDelivery)) {
    const none = new Missing(`order ${o.id} does not have: no compensation was recorded (orders compensate ${o.id} --kind KIND --reason ...)`);
    return { compensation: none, given_back: none, has_given_back: false, problem: none };
  }
  const waivedUnpaid = comp.waivedDelivery - comp.feeRefunded;
  const lines = [
    comp.refund ? w.refund(money(comp.refund)) : '',
    comp.feeRefunded ? w.feeRefunded(money(comp.feeRefunded)) : '',
    waivedUnpaid > 0 ? w.waived(money(waivedUnpaid)) : '',
  ];
  const givenBack = comp.refund + comp.feeRefunded;
  return {
    compensation: lines.filter(Boolean).join('\n'),
    // Said only when the money comes from two sources, so the customer sees the sum.
    has_given_back: comp.refund > 0 && comp.feeRefunded > 0,
    given_back: money(givenBack),
    problem: w.problem[comp.kind ?? ''] ?? w.problem.other!,
  };
}

/** A DP of 100% is payment in full ("lunas"): messages then never speak of a DP and a balance. */
function depositWords(full: boolean, lang: Lang): Values {
  const name = lang === 'id' ? (full ? 'pembayaran' : 'DP') : full ? 'payment' : 'down payment';
  return { deposit_full: full, deposit_name: name };
}
