import { maxDate } from '../core/dates.js';
import { dueOn } from '../core/due.js';
import { RefusedError } from '../core/errors.js';
import { clockOf, deadline, type Clock, type PolicyOrder } from '../core/policy.js';
import { listSetting, numberSetting } from '../core/settings.js';
import type { Terms } from '../core/terms.js';
import { appendCommunications } from '../db/communications.js';
import { latestOfKind, ordersByIds, refundFactsOf, type RefundFacts } from '../db/orders.js';
import { policyOrders } from '../db/policy.js';
import { customerVoice } from '../db/customers.js';
import type { Item } from '../core/items.js';
import type { DB } from '../db/types.js';
import { waLink, type Lang } from '../messages/format.js';
import { render } from '../messages/render.js';
import { addressOf, isSalutation, type Salutation } from '../messages/salutation.js';
import { loadTemplate, PICKUP_ONLY, type TemplateName } from '../messages/templates.js';
import { orderValues, termsValues, type ShopFacts } from '../messages/values.js';
import { inWrite, type ServiceContext } from './context.js';
import { noticeDays } from './outbox.js';
import { viewsOf, type OrderView } from './views.js';

/** A message ready for the customer (SPEC 9), with who it is for. */
export interface RenderedMessage {
  order_id: number;
  customer_id: number;
  name: string;
  template: TemplateName;
  lang: Lang;
  phone: string;
  text: string;
  link: string;
}

export function shopFacts(ctx: ServiceContext): ShopFacts {
  return {
    name: ctx.settings['shop.name']!,
    salutation: ctx.settings.salutation === 'casual' ? 'casual' : 'formal',
    locale: ctx.locale,
    currency: ctx.currency,
    reminderDays: listSetting(ctx.settings, 'reminder.days_before'),
    paymentInstructions: ctx.settings['payment.instructions'] ?? '',
    noticeDays: noticeDays(ctx),
  };
}

export function orderTerms(v: OrderView): Terms {
  const r = v.row;
  return {
    deposit_percent: r.terms_deposit_percent, grace_days: r.terms_grace_days, storage_fee_per_day: r.terms_storage_fee_per_day,
    cancel_after_days: r.terms_cancel_after_days, delivery_base_fee: r.terms_delivery_base_fee,
    delivery_packaging_fee: r.terms_delivery_packaging_fee, delivery_after_hours_fee: r.terms_delivery_after_hours_fee,
    agreed_on: r.terms_agreed_on,
  };
}

/** The policy's terms today, for `orders terms`. */
export function currentTermsText(ctx: ServiceContext, lang: Lang): string {
  const s = ctx.settings;
  const terms: Terms = {
    deposit_percent: Math.max(numberSetting(s, 'deposit.default_percent'), numberSetting(s, 'deposit.min_percent')),
    grace_days: numberSetting(s, 'pickup.grace_days'), storage_fee_per_day: numberSetting(s, 'storage.fee_per_day'),
    cancel_after_days: numberSetting(s, 'noshow.cancel_after_days'), delivery_base_fee: numberSetting(s, 'delivery.base_fee'),
    delivery_packaging_fee: numberSetting(s, 'delivery.packaging_fee'), delivery_after_hours_fee: numberSetting(s, 'delivery.after_hours_fee'),
    agreed_on: ctx.today,
  };
  const t = loadTemplate('terms', lang);
  return render(t.text, termsValues(shopFacts(ctx), terms, lang), `${lang}/terms (${t.source})`);
}

/**
 * The order's clock, or for an order not ready yet the clock it would have if it became ready
 * today. Its cancellation day is the one the sweep will really use if the message goes out
 * today (fair warning), so a notice never names a day that the rule would not keep.
 */
function clockFor(today: string, shop: ShopFacts, view: OrderView, p: PolicyOrder): Clock {
  const real = clockOf(p);
  if (real) return { ...real, cancelOn: deadline(p, real, today, shop.noticeDays) };
  const preview = { ...p, status: 'ready' as const, fulfilment: 'pickup' as const, ready_on: maxDate(today, view.row.ready_on ?? today) };
  return clockOf(preview)!;
}

/** The customer's own language unless --lang was given (SPEC 14), else the shop's. */
export function languageFor(ctx: ServiceContext, own: string | null): Lang {
  return !ctx.langGiven && (own === 'en' || own === 'id') ? own : ctx.lang;
}

/** What a message is about beyond the order's own facts: the total before an edit, for a requote. */
export interface Occasion {
  oldTotal?: number;
}

/** What a message may say of an order beyond its view: its clock's facts, complaint, refunds and offer. */
interface Facts {
  view: OrderView;
  policy: PolicyOrder;
  complaint: string | null;
  refunds: RefundFacts;
  offer: string | null;
}

/** The facts of these orders, read for all of them in a few statements (remind renders hundreds at once). */
async function factsOf(db: DB, ids: readonly number[]): Promise<Map<number, Facts>> {
  const rows = await ordersByIds(db, ids);
  const views = await viewsOf(db, rows);
  const policies = new Map((await policyOrders(db, ids)).map((p) => [p.id, p]));
  const complaints = await latestOfKind(db, ids, 'communications', 'complaint');
  const refunds = await refundFactsOf(db, ids);
  const offers = await latestOfKind(db, ids, 'events', 'alternative-offered');
  return new Map(views.map((view) => {
    const id = view.row.id;
    return [id, { view, policy: policies.get(id)!, complaint: complaints.get(id) ?? null, refunds: refunds.get(id)!, offer: offers.get(id) ?? null }];
  }));
}

/** Renders a template for an order, reading through db (a transaction's, when inside one). */
export async function renderFor(db: DB, ctx: ServiceContext, id: number, template: TemplateName, langAsked?: Lang, occasion: Occasion = {}): Promise<RenderedMessage> {
  const facts = (await factsOf(db, [id])).get(id);
  if (!facts) throw new RefusedError(`Order ${id} does not exist; \`orders list\` shows the orders.`);
  return renderWith(ctx, shopFacts(ctx), facts, template, langAsked ?? languageFor(ctx, facts.view.row.customer_lang), occasion);
}

/** Renders a template for each of these orders (each in its customer's language), reading their facts once for all. */
export async function renderMany(db: DB, ctx: ServiceContext, wanted: readonly { order_id: number; template: TemplateName }[]): Promise<RenderedMessage[]> {
  const facts = await factsOf(db, [...new Set(wanted.map((w) => w.order_id))]);
  const shop = shopFacts(ctx);
  return wanted.map(({ order_id: id, template }) => {
    const f = facts.get(id);
    if (!f) throw new RefusedError(`Order ${id} does not exist; \`orders list\` shows the orders.`);
    return renderWith(ctx, shop, f, template, languageFor(ctx, f.view.row.customer_lang), {});
  });
}

/** One message; the shop's facts are read once by the caller, not once per message of a page. */
function renderWith(ctx: ServiceContext, shop: ShopFacts, facts: Facts, template: TemplateName, lang: Lang, occasion: Occasion): RenderedMessage {
  const { view: v, complaint, refunds, offer } = facts;
  const row = v.row;
  const id = row.id;
  if (row.fulfilment === 'delivery' && PICKUP_ONLY.has(template)) {
    throw new RefusedError(`Order ${id} is delivered, not picked up: ${template} does not apply to it (\`orders show ${id}\` has its delivery).`);
  }
  const clock = clockFor(ctx.today, shop, v, facts.policy);
  const t = loadTemplate(template, lang);
  const comp = v.totals.compensation;
  const text = render(t.text, orderValues(shop, orderTerms(v), {
    id, status: row.status, customerName: row.customer_name, customerSalutation: isSalutation(row.customer_salutation ?? '') ? row.customer_salutation as Salutation : null, items: v.items, total: row.total, depositRequired: row.deposit_required,
    paid: v.paid, balance: v.balance, pickupDate: row.pickup_date, readyOn: row.ready_on, holdUntil: row.hold_until, clock,
    storageFees: v.totals.storage_fees, forfeited: v.totals.forfeited, refunded: v.totals.refunds, cancelReason: row.cancel_reason,
    delivery: row.fulfilment === 'delivery', dueOn: dueOn(row), deliveryEta: row.delivery_eta, deliveryAfterHours: row.delivery_after_hours === 1, deliveryFee: row.delivery_fee,
    deliveryAddress: row.delivery_address, deliveryCourier: row.delivery_courier, deliveryTracking: row.delivery_tracking,
    compensation: comp || v.totals.waived ? { refund: comp, waivedDelivery: v.totals.waived, feeRefunded: refunds.feeRefunded, kind: refunds.compensationKind } : null,
    lastComplaint: complaint, offer,
    settled: row.status !== 'cancelled' && row.status !== 'void' && v.balance <= 0 && v.paid > 0,
    lastRefund: refunds.lastRefund, oldTotal: occasion.oldTotal ?? null,
  }, ctx.today, lang), `${lang}/${template} (${t.source}: ${t.path})`);
  return {
    order_id: id, customer_id: row.customer_id, name: row.customer_name, template, lang, phone: row.customer_phone,
    text, link: waLink(row.customer_phone, text),
  };
}

/** Writes messages to the evidence log as sent to the customer. */
export async function recordSent(db: DB, ctx: ServiceContext, messages: readonly RenderedMessage[], channel: string): Promise<number[]> {
  return appendCommunications(db, messages.map((m) => ({
    order_id: m.order_id, customer_id: m.customer_id, direction: 'out', channel, kind: 'message',
    template: m.template, lang: m.lang, text: m.text, created_at: ctx.nowIso,
  })));
}

/** `orders message`: renders any template for an order and, unless a dry run, logs it. */
export async function messageFor(ctx: ServiceContext, id: number, template: TemplateName, record: boolean): Promise<RenderedMessage> {
  return inWrite(ctx, async (ctx) => {
    const m = await renderFor(ctx.db, ctx, id, template);
    if (record) await recordSent(ctx.db, ctx, [m], 'printed');
    return m;
  });
}

/** Renders a notice inside a command's transaction and logs it, so the change and its message land together. */
export async function notice(db: DB, ctx: ServiceContext, id: number, template: TemplateName, occasion: Occasion = {}): Promise<RenderedMessage> {
  const m = await renderFor(db, ctx, id, template, undefined, occasion);
  await recordSent(db, ctx, [m], 'printed');
  return m;
}

/**
 * The polite refusal for a customer whose order the shop will not take (blacklist.policy
 * block). It is rendered from the customer and the items asked for, as no order exists.
 */
export async function declinedMessage(db: DB, ctx: ServiceContext, customer: { id: number; name: string; phone: string }, items: Item[]): Promise<RenderedMessage> {
  const voice = await customerVoice(db, customer.id);
  const lang = languageFor(ctx, voice.lang);
  const shop = shopFacts(ctx);
  const address = addressOf(customer.name, isSalutation(voice.salutation ?? '') ? voice.salutation as Salutation : null, shop.salutation, lang);
  const t = loadTemplate('order-declined', lang);
  const text = render(t.text, {
    shop_name: shop.name, customer_name: customer.name, greeting: address.greeting, salutation: address.you,
    items: items.map((it) => `- ${it.quantity} x ${it.description}`).join('\n'),
  }, `${lang}/order-declined (${t.source}: ${t.path})`);
  return { order_id: 0, customer_id: customer.id, name: customer.name, template: 'order-declined', lang, phone: customer.phone, text, link: waLink(customer.phone, text) };
}
