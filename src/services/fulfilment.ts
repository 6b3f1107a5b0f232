import { addDays, daysBetween } from '../core/dates.js';
import { withdrawOverdue } from '../db/outbox.js';
import { RefusedError } from '../core/errors.js';
import { addEvent, addLedger, updateOrder, type LedgerEntry } from '../db/orders.js';
import { inWrite, type ServiceContext } from './context.js';
import { notice, type RenderedMessage } from './messages.js';
import { loadView, lockedView, money, type OrderView } from './views.js';

type Result = { view: OrderView; message: RenderedMessage | null };

function requireOpen(view: OrderView, verb: string, allowed: readonly string[] = ['confirmed', 'ready']): void {
  if (!allowed.includes(view.row.status)) {
    throw new RefusedError(`Order ${view.row.id} cannot ${verb}: it is ${view.row.status}${view.row.status === 'pending' ? ' (confirm it first)' : ''}.`);
  }
}

/**
 * `extend --days N` on day E holds the order free until E + N, `--until DATE` through DATE
 * (SPEC clock rules). A waiting overdue notice is withdrawn: the date it would name has moved.
 */
export async function extendHold(ctx: ServiceContext, id: number, until: string): Promise<Result> {
  const message = await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    requireOpen(view, 'be extended');
    if (view.row.fulfilment === 'delivery') throw new RefusedError(`Order ${id} is being delivered; there is no pickup hold to extend.`);
    await updateOrder(ctx.db, id, { hold_until: until, hold_set_on: ctx.today });
    await withdrawOverdue(ctx.db, id);
    await addEvent(ctx.db, id, 'extension', `free hold until ${until} (${daysBetween(ctx.today, until)} day(s) from ${ctx.today})`, ctx.nowIso);
    return notice(ctx.db, ctx, id, 'grace-extension');
  });
  return { view: await loadView(ctx.db, id), message };
}

export interface DeliveryInput {
  afterHours: boolean;
  eta?: string;
  /** this order's own fee, in place of the terms' base fee (`deliver --offer --fee`) */
  fee?: number;
}

/** The delivery fee as ledger rows, each part itemised. */
export function deliveryFees(base: number, packaging: number, afterHours: number): LedgerEntry[] {
  return [
    { kind: 'delivery_fee', amount: base, note: 'delivery: base fee' },
    { kind: 'delivery_fee', amount: packaging, note: 'delivery: packaging' },
    { kind: 'delivery_fee', amount: afterHours, note: 'delivery: outside working hours' },
  ];
}

export async function offerDelivery(ctx: ServiceContext, id: number, input: DeliveryInput): Promise<Result> {
  const message = await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    requireOpen(view, 'be offered delivery');
    if (view.row.fulfilment === 'delivery') throw new RefusedError(`Order ${id} is already being delivered.`);
    await updateOrder(ctx.db, id, {
      delivery_after_hours: input.afterHours ? 1 : 0, delivery_eta: input.eta ?? addDays(ctx.today, 1), ...(input.fee !== undefined ? { delivery_fee: input.fee } : {}),
    });
    const detail = [input.fee !== undefined && `fee ${money(ctx, input.fee)}`, input.afterHours && 'outside working hours'].filter(Boolean).join(', ');
    await addEvent(ctx.db, id, 'delivery-offered', detail || null, ctx.nowIso);
    return notice(ctx.db, ctx, id, 'delivery-offer');
  });
  return { view: await loadView(ctx.db, id), message };
}

/** Accepting adds the itemised fee to the order and stops the pickup clock. */
export async function acceptDelivery(ctx: ServiceContext, id: number, input: DeliveryInput): Promise<Result> {
  await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    requireOpen(view, 'switch to delivery');
    if (view.row.fulfilment === 'delivery') throw new RefusedError(`Order ${id} is already being delivered.`);
    const r = view.row;
    const afterHours = input.afterHours || r.delivery_after_hours === 1;
    const base = input.fee ?? r.delivery_fee ?? r.terms_delivery_base_fee;
    const extra = afterHours ? r.terms_delivery_after_hours_fee : 0;
    await addLedger(ctx.db, id, deliveryFees(base, r.terms_delivery_packaging_fee, extra), ctx.nowIso);
    const fee = base + r.terms_delivery_packaging_fee + extra;
    const eta = input.eta ?? r.delivery_eta ?? addDays(ctx.today, 1);
    await updateOrder(ctx.db, id, { fulfilment: 'delivery', delivery_after_hours: afterHours ? 1 : 0, delivery_eta: eta, delivery_fee: base });
    await withdrawOverdue(ctx.db, id);
    await addEvent(ctx.db, id, 'delivery-accepted', `fee ${money(ctx, fee)}, ETA ${eta}`, ctx.nowIso);
  });
  return { view: await loadView(ctx.db, id), message: null };
}

export async function completeDelivery(ctx: ServiceContext, id: number, settle: { pay: boolean; method: string; courier?: string; tracking?: string }): Promise<Result> {
  const message = await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    requireOpen(view, 'be delivered');
    if (view.row.fulfilment !== 'delivery') throw new RefusedError(`Order ${id} has no accepted delivery; use \`orders deliver ${id} --accept\` first, or \`orders pickup ${id}\`.`);
    if (view.balance > 0 && !settle.pay) {
      throw new RefusedError(`Order ${id} still has ${money(ctx, view.balance)} to pay: record it with \`orders pay ${id} AMOUNT\` or add --pay to settle it now.`);
    }
    if (view.balance > 0) {
      await addLedger(ctx.db, id, [{ kind: 'payment', amount: view.balance, method: settle.method, note: 'balance on delivery' }], ctx.nowIso);
      await addEvent(ctx.db, id, 'payment', `${money(ctx, view.balance)} (${settle.method}, balance on delivery)`, ctx.nowIso);
    }
    await updateOrder(ctx.db, id, { status: 'completed', completed_on: ctx.today, delivery_courier: settle.courier ?? null, delivery_tracking: settle.tracking ?? null });
    const via = [settle.courier && `by ${settle.courier}`, settle.tracking && `tracking ${settle.tracking}`].filter(Boolean).join(', ');
    await addEvent(ctx.db, id, 'completed', `delivered${via ? ` ${via}` : ''}`, ctx.nowIso);
    return notice(ctx.db, ctx, id, 'order-delivered');
  });
  return { view: await loadView(ctx.db, id), message };
}
