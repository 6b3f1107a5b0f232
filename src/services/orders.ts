import { dueOn, moveDue } from '../core/due.js';
import { RefusedError } from '../core/errors.js';
import { itemsQuantity, itemsTotal, type Item } from '../core/items.js';
import { forfeitOnCancel } from '../core/ledger.js';
import { nextStatus, refusal, type Action, type Status } from '../core/lifecycle.js';
import { percentOf } from '../core/money.js';
import { listSetting, numberSetting } from '../core/settings.js';
import { requirementFor, type DepositPolicy } from '../core/standing.js';
import { freezeTerms, needsWrittenConfirmation, requiredDeposit, type DepositInput } from '../core/terms.js';
import { appendCommunications } from '../db/communications.js';
import { customerRecord } from '../db/blacklist.js';
import { setCustomerVoice, upsertCustomer } from '../db/customers.js';
import type { Salutation } from '../messages/salutation.js';
import { addEvent, addLedger, insertOrder, timelineOf, updateOrder, type TimelineEntry } from '../db/orders.js';
import { withdrawOverdue } from '../db/outbox.js';
import { deliveryFees } from './fulfilment.js';
import { inWrite, type ServiceContext } from './context.js';
import { declinedMessage, notice, type RenderedMessage } from './messages.js';
import { loadView, lockedView, money, type OrderView } from './views.js';

export { money, viewsOf, type OrderView } from './views.js';

export async function showOrder(ctx: ServiceContext, id: number): Promise<OrderView> {
  return loadView(ctx.db, id);
}

export function refuseUnless(view: OrderView, action: Action, verb: string): void {
  const why = refusal(view.row.status as Status, action);
  if (why) throw new RefusedError(`Order ${view.row.id} cannot ${verb}: ${why}.`);
}

export interface NewOrder {
  name: string;
  phone: string;
  items: Item[];
  pickupDate: string;
  deposit?: DepositInput;
  custom: boolean;
  note?: string;
  overrideBlacklist?: string;
  overrideDeposit?: string;
  /** catering, cakes, flowers: no storage fee is ever charged */
  perishable?: boolean;
  /** delivered from the start: no pickup clock; the pickup date is the delivery date */
  delivery?: { address: string; fee?: number };
  /** the customer's own salutation, kept for their later messages too */
  salutation?: Salutation;
}

/** A blocked customer's order was not taken; the polite message to send them comes with the refusal. */
export class DeclinedError extends RefusedError {
  constructor(message: string, readonly declined: RenderedMessage) {
    super(message);
  }
}

export interface Added {
  view: OrderView;
  messages: RenderedMessage[];
  /** why the DP is what it is, when the customer's record raised it */
  depositReason: string | null;
  /** things the owner should know about this customer */
  warnings: string[];
}

export async function addOrder(ctx: ServiceContext, input: NewOrder): Promise<Added> {
  const total = itemsTotal(input.items);
  const fmt = (m: number) => money(ctx, m);
  const result = await inWrite(ctx, async (ctx) => {
    const record = await customerRecord(ctx.db, input.phone);
    const blacklisted = Boolean(record?.blacklisted) && !input.overrideBlacklist;
    const need = requirementFor({ noShows: record?.noShows ?? 0, blacklisted }, {
      minPercent: numberSetting(ctx.settings, 'deposit.min_percent'),
      defaultPercent: numberSetting(ctx.settings, 'deposit.default_percent'),
      escalation: listSetting(ctx.settings, 'deposit.escalation'),
      blacklistPolicy: ctx.settings['blacklist.policy'] as DepositPolicy['blacklistPolicy'],
    });
    if (need.block) {
      const declined = await declinedMessage(ctx.db, ctx, { id: record!.id, name: input.name, phone: input.phone }, input.items);
      throw new DeclinedError(`${input.name} (${input.phone}) is blacklisted and blacklist.policy is block, so the order was not taken (the order-declined message for them is on stdout); add --override-blacklist REASON to take it anyway.`, declined);
    }
    const dp = requiredDeposit(total, input.deposit ?? { percent: need.percent }, numberSetting(ctx.settings, 'deposit.min_percent'), fmt);
    const below = total > 0 && BigInt(dp.amount) * 100n < BigInt(total) * BigInt(need.minimum);
    if (below && !input.overrideDeposit) {
      throw new RefusedError(`Deposit ${fmt(dp.amount)} is below the ${need.minimum}% (${fmt(percentOf(total, need.minimum))}) this customer needs: ${need.because}; add --override-deposit REASON to accept it.`);
    }
    const terms = freezeTerms(ctx.settings, dp.percent, ctx.today, Boolean(input.perishable));
    const needsConfirmation = needsWrittenConfirmation(input.custom, total, itemsQuantity(input.items), ctx.settings);
    const customer = await upsertCustomer(ctx.db, input.name, input.phone, ctx.nowIso);
    const customerId = customer.id;
    await setCustomerVoice(ctx.db, customerId, { salutation: input.salutation });
    const orderId = await insertOrder(ctx.db, {
      customer_id: customerId, status: 'pending', pickup_date: input.pickupDate, total,
      deposit_required: dp.amount, custom: input.custom ? 1 : 0, needs_confirmation: needsConfirmation ? 1 : 0,
      note: input.note ?? null, created_at: ctx.nowIso,
      terms_deposit_percent: terms.deposit_percent, terms_grace_days: terms.grace_days,
      terms_storage_fee_per_day: terms.storage_fee_per_day, terms_cancel_after_days: terms.cancel_after_days,
      terms_delivery_base_fee: terms.delivery_base_fee, terms_delivery_packaging_fee: terms.delivery_packaging_fee,
      terms_delivery_after_hours_fee: terms.delivery_after_hours_fee, terms_agreed_on: terms.agreed_on,
      perishable: input.perishable ? 1 : 0, ...(input.delivery ? {
        fulfilment: 'delivery', delivery_address: input.delivery.address, delivery_fee: input.delivery.fee ?? null, delivery_eta: input.pickupDate,
      } : {}),
    }, input.items);
    await addEvent(ctx.db, orderId, 'created', input.delivery ? `delivery to ${input.delivery.address}` : null, ctx.nowIso);
    const fees = input.delivery ? deliveryFees(input.delivery.fee ?? terms.delivery_base_fee, terms.delivery_packaging_fee, 0) : [];
    await addLedger(ctx.db, orderId, fees, ctx.nowIso);
    const depositReason = need.because && !input.deposit ? `DP ${need.percent}%: ${need.because}` : null;
    if (depositReason) await addEvent(ctx.db, orderId, 'deposit-rule', depositReason, ctx.nowIso);
    if (below) await addEvent(ctx.db, orderId, 'deposit-override', `DP ${dp.percent}% instead of ${need.minimum}% (${need.because}): ${input.overrideDeposit}`, ctx.nowIso);
    if (record?.blacklisted && input.overrideBlacklist) await addEvent(ctx.db, orderId, 'blacklist-override', input.overrideBlacklist, ctx.nowIso);
    const warnings = [
      ...(customer.name !== input.name ? [`${input.phone} is already on file as ${JSON.stringify(customer.name)}, so the order is under that name; to rename: \`orders customers set ${input.phone} --name ${JSON.stringify(input.name)}\`.`] : []),
      ...(need.warn ? [`${input.name}: ${need.warn}.`] : []),
      // Said in writing to the customer (the terms): the owner should know it before sending them.
      ...(input.delivery && fees.every((f) => f.amount === 0)
        ? ['the delivery is free (no delivery or packaging fee), and the terms tell the customer so; `--delivery-fee AMOUNT` or `orders config set delivery.base_fee AMOUNT` charges one.'] : []),
      ...(record?.blacklisted && input.overrideBlacklist ? [`${input.name} is blacklisted; taken anyway: ${input.overrideBlacklist}.`] : []),
      ...(record?.flags ?? []).map((f) => `Earlier order #${f.order_id}${f.no_show ? ' was a no-show' : ''}: ${[
        f.forfeited && `DP ${fmt(f.forfeited)} forfeited`, f.storage_fees && `${fmt(f.storage_fees)} storage fees charged`].filter(Boolean).join(', ')}.`),
    ];
    const messages = [await notice(ctx.db, ctx, orderId, 'terms')];
    if (needsConfirmation) messages.push(await notice(ctx.db, ctx, orderId, 'confirmation-request'));
    return { orderId, messages, depositReason, warnings };
  });
  return { view: await loadView(ctx.db, result.orderId), messages: result.messages, depositReason: result.depositReason, warnings: result.warnings };
}

export async function payOrder(ctx: ServiceContext, id: number, amount: number, method: string): Promise<OrderView> {
  await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    refuseUnless(view, 'pay', 'take a payment');
    if (amount > view.balance) {
      throw new RefusedError(`Order ${id} has ${money(ctx, Math.max(0, view.balance))} left to pay; a payment of ${money(ctx, amount)} would be more than that.`);
    }
    await addLedger(ctx.db, id, [{ kind: 'payment', amount, method }], ctx.nowIso);
    await addEvent(ctx.db, id, 'payment', `${money(ctx, amount)} (${method})`, ctx.nowIso);
    // A payment is word from the customer: the deadline moves, so a waiting notice would name a stale day.
    await withdrawOverdue(ctx.db, id);
  });
  return loadView(ctx.db, id);
}

export interface ConfirmInput {
  via: string;
  note?: string;
  withoutDeposit: boolean;
}

export async function confirmOrder(ctx: ServiceContext, id: number, input: ConfirmInput): Promise<{ view: OrderView; message: RenderedMessage }> {
  const message = await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    refuseUnless(view, 'confirm', 'be confirmed');
    const missing = view.row.deposit_required - view.paid;
    if (missing > 0 && !input.withoutDeposit) {
      throw new RefusedError(`Order ${id} cannot be confirmed: ${money(ctx, missing)} of the ${money(ctx, view.row.deposit_required)} DP is still unpaid; record it with \`orders pay ${id} AMOUNT\` or add --without-deposit.`);
    }
    if (view.row.needs_confirmation && !input.note?.trim()) {
      throw new RefusedError(`Order ${id} is ${view.row.custom ? 'a custom order' : 'a large order'} and needs the customer's written confirmation: add --note with their own words.`);
    }
    await updateOrder(ctx.db, id, { status: nextStatus('confirm'), confirmed_on: ctx.today });
    if (missing > 0) await addEvent(ctx.db, id, 'deposit-override', `confirmed with ${money(ctx, missing)} of the DP unpaid`, ctx.nowIso);
    await addEvent(ctx.db, id, 'confirmed', `via ${input.via}`, ctx.nowIso);
    if (input.note?.trim()) {
      await appendCommunications(ctx.db, [{
        order_id: id, customer_id: view.row.customer_id, direction: 'in', channel: input.via,
        kind: 'confirmation', text: input.note.trim(), created_at: ctx.nowIso,
      }]);
    }
    return notice(ctx.db, ctx, id, 'order-confirmed');
  });
  return { view: await loadView(ctx.db, id), message };
}

export async function readyOrder(ctx: ServiceContext, id: number, pickupDate?: string): Promise<{ view: OrderView; message: RenderedMessage }> {
  const message = await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    refuseUnless(view, 'ready', 'be marked ready');
    // A delivered order's date is its delivery date: the ready message promises it, so a date past is never promised.
    const delivery = view.row.fulfilment === 'delivery';
    const was = dueOn(view.row);
    if (delivery && !pickupDate && was < ctx.today) {
      throw new RefusedError(`Order ${id} was to be delivered on ${was}; give the day it will be delivered with \`orders ready ${id} --pickup DATE\`, so the customer is told a day that holds.`);
    }
    await updateOrder(ctx.db, id, {
      status: nextStatus('ready'), ready_on: ctx.today,
      ...(pickupDate ? moveDue(view.row, pickupDate) : {}),
    });
    if (pickupDate && pickupDate !== was) {
      await addEvent(ctx.db, id, delivery ? 'delivery-date-changed' : 'pickup-date-changed', `${was} -> ${pickupDate}`, ctx.nowIso);
    }
    await addEvent(ctx.db, id, 'ready', null, ctx.nowIso);
    return notice(ctx.db, ctx, id, 'ready-for-pickup');
  });
  return { view: await loadView(ctx.db, id), message };
}

export async function pickupOrder(ctx: ServiceContext, id: number, settle: { pay: boolean; method: string }): Promise<OrderView> {
  await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    refuseUnless(view, 'pickup', 'be picked up');
    if (view.balance > 0 && !settle.pay) {
      throw new RefusedError(`Order ${id} still has ${money(ctx, view.balance)} to pay: record it with \`orders pay ${id} AMOUNT\` or add --pay to settle it now.`);
    }
    if (view.balance > 0) {
      await addLedger(ctx.db, id, [{ kind: 'payment', amount: view.balance, method: settle.method, note: 'balance at pickup' }], ctx.nowIso);
      await addEvent(ctx.db, id, 'payment', `${money(ctx, view.balance)} (${settle.method}, balance at pickup)`, ctx.nowIso);
    }
    await updateOrder(ctx.db, id, { status: nextStatus('pickup'), completed_on: ctx.today });
    await withdrawOverdue(ctx.db, id);
    await addEvent(ctx.db, id, 'completed', 'picked up', ctx.nowIso);
  });
  return loadView(ctx.db, id);
}

export type RefundChoice = 'all' | 'none' | { amount: number };

export interface CancelPlan {
  refund: number;
  forfeit: number;
  /** still owed back to the customer after this cancellation */
  owedBack: number;
}

export function planCancel(view: OrderView, by: 'customer' | 'shop', refund: RefundChoice | undefined, fmt: (m: number) => string): CancelPlan {
  if (by === 'shop') return { refund: view.paid, forfeit: 0, owedBack: 0 };
  const amount = refund === undefined || refund === 'none' ? 0 : refund === 'all' ? view.paid : refund.amount;
  if (amount > view.paid) {
    throw new RefusedError(`Order ${view.row.id} cannot refund ${fmt(amount)}: only ${fmt(view.paid)} was paid.`);
  }
  const forfeit = forfeitOnCancel(view.paid - amount, view.row.deposit_required);
  return { refund: amount, forfeit, owedBack: view.paid - amount - forfeit };
}

export async function previewCancel(ctx: ServiceContext, id: number, by: 'customer' | 'shop', refund?: RefundChoice): Promise<CancelPlan> {
  const view = await loadView(ctx.db, id);
  refuseUnless(view, 'cancel', 'be cancelled');
  return planCancel(view, by, refund, (m) => money(ctx, m));
}

export async function cancelOrder(
  ctx: ServiceContext, id: number, by: 'customer' | 'shop', reason: string, refund?: RefundChoice, offer?: string,
): Promise<{ view: OrderView; plan: CancelPlan; message: RenderedMessage }> {
  const { plan, message } = await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    refuseUnless(view, 'cancel', 'be cancelled');
    const p = planCancel(view, by, refund, (m) => money(ctx, m));
    await addLedger(ctx.db, id, [
      { kind: 'refund', amount: p.refund, note: `${by} cancellation` },
      { kind: 'forfeit', amount: p.forfeit, note: 'DP forfeited on cancellation' },
    ], ctx.nowIso);
    await updateOrder(ctx.db, id, { status: 'cancelled', cancelled_by: by, cancel_reason: reason, cancelled_on: ctx.today });
    await withdrawOverdue(ctx.db, id);
    const moved = [p.refund && `refunded ${money(ctx, p.refund)}`, p.forfeit && `DP forfeited ${money(ctx, p.forfeit)}`,
      p.owedBack && `owed back ${money(ctx, p.owedBack)}`].filter(Boolean).join('; ');
    await addEvent(ctx.db, id, 'cancelled', `by ${by}: ${reason}${moved ? `; ${moved}` : ''}`, ctx.nowIso);
    if (offer !== undefined) await addEvent(ctx.db, id, 'alternative-offered', offer, ctx.nowIso);
    return { plan: p, message: await notice(ctx.db, ctx, id, by === 'shop' ? 'shop-cancel-apology' : 'customer-cancel-notice') };
  });
  return { view: await loadView(ctx.db, id), plan, message };
}


export async function orderTimeline(ctx: ServiceContext, id: number): Promise<TimelineEntry[]> {
  return timelineOf(ctx.db, id);
}
