import { RefusedError } from '../core/errors.js';
import { compensationPlan, type CompensationKind } from '../core/ledger.js';
import { refusal, type Status } from '../core/lifecycle.js';
import { addEvent, addLedger, FEE_REFUND_NOTE, updateOrder } from '../db/orders.js';
import { inWrite, type ServiceContext } from './context.js';
import { notice, type RenderedMessage } from './messages.js';
import { loadView, lockedView, money, type OrderView } from './views.js';

type Result = { view: OrderView; message: RenderedMessage };

/**
 * `orders refund`: money the shop owes back (balance below zero) paid back, in any status.
 * The only way money goes back that is not compensation.
 */
export async function refundOrder(ctx: ServiceContext, id: number, input: { amount: number | 'all'; method: string; reason?: string }): Promise<Result> {
  const message = await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    const owed = -view.balance;
    if (owed <= 0) {
      throw new RefusedError(`Order ${id} has nothing owed back to the customer (${view.balance > 0 ? `they still owe ${money(ctx, view.balance)}` : 'it is settled'}), so there is nothing to refund.`);
    }
    const amount = input.amount === 'all' ? owed : input.amount;
    if (amount > owed) {
      throw new RefusedError(`Order ${id} owes the customer ${money(ctx, owed)}; a refund of ${money(ctx, amount)} would be more than that.`);
    }
    await addLedger(ctx.db, id, [{ kind: 'refund', amount, method: input.method, note: input.reason ?? 'owed back' }], ctx.nowIso);
    await addEvent(ctx.db, id, 'refund', `${money(ctx, amount)} (${input.method})${input.reason ? `: ${input.reason}` : ''}`, ctx.nowIso);
    return notice(ctx.db, ctx, id, 'refund-notice');
  });
  return { view: await loadView(ctx.db, id), message };
}

/** Money on an order that keeps it from being voided: anything paid, kept or charged. */
function moneyOn(view: OrderView): number {
  const t = view.totals;
  return view.paid + t.forfeited + t.storage_fees + t.delivery_fees - t.waived;
}

/** Refuses a void that is not allowed; shared by the preview (for the confirmation) and the act. */
function checkVoid(ctx: ServiceContext, view: OrderView): void {
  const why = refusal(view.row.status as Status, 'void');
  if (why) throw new RefusedError(`Order ${view.row.id} cannot be voided: ${why}.`);
  const on = moneyOn(view);
  if (on !== 0) {
    const what = [view.paid && `${money(ctx, view.paid)} paid`, on - view.paid && `${money(ctx, on - view.paid)} charged or kept`].filter(Boolean).join(' and ');
    const way = view.balance < 0 ? `refund it first (\`orders refund ${view.row.id} all\`)` : `cancel it instead (\`orders cancel ${view.row.id} --by customer|shop\`)`;
    throw new RefusedError(`Order ${view.row.id} cannot be voided: it has ${what} on it; ${way}.`);
  }
}

export async function previewVoid(ctx: ServiceContext, id: number): Promise<OrderView> {
  const view = await loadView(ctx.db, id);
  checkVoid(ctx, view);
  return view;
}

/** An order entered by mistake: it never happened, so no message goes to the customer. */
export async function voidOrder(ctx: ServiceContext, id: number, reason: string): Promise<OrderView> {
  await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    checkVoid(ctx, view);
    await updateOrder(ctx.db, id, { status: 'void', voided_on: ctx.today, void_reason: reason });
    await addEvent(ctx.db, id, 'voided', reason, ctx.nowIso);
  });
  return loadView(ctx.db, id);
}

export interface CompensationInput {
  kind: CompensationKind;
  reason: string;
  refund: number;
  waiveDelivery: boolean;
}

/**
 * The shop was at fault: money back and/or the delivery fee waived (refunded when it was
 * already paid), recorded, with the apology that fits what went wrong.
 */
export async function compensate(ctx: ServiceContext, id: number, input: CompensationInput): Promise<Result> {
  const message = await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    const r = view.row;
    if (r.status === 'void') throw new RefusedError(`Order ${id} cannot be compensated: it was voided (entered by mistake).`);
    if (r.status === 'cancelled' && r.cancelled_by !== 'shop') {
      throw new RefusedError(`Order ${id} cannot be compensated: it was cancelled by ${r.cancelled_by === 'policy' ? 'the no-show policy' : 'the customer'}, so the shop was not at fault; money owed back there is a refund (\`orders refund ${id} AMOUNT|all\`).`);
    }
    const plan = compensationPlan(view.totals, view.balance, input.refund, input.waiveDelivery);
    if (plan.refusal === 'refund-exceeds-paid') {
      throw new RefusedError(`Order ${id} cannot refund ${money(ctx, input.refund)} as compensation: only ${money(ctx, view.paid)} was paid.`);
    }
    if (plan.refusal === 'no-fee') {
      throw new RefusedError(`Order ${id} has no delivery fee to waive; accept a delivery first (\`orders deliver ${id} --accept\`).`);
    }
    await addLedger(ctx.db, id, [
      { kind: 'refund', amount: input.refund, note: `compensation: ${input.reason}` },
      { kind: 'compensation', amount: input.refund, note: `${input.kind}: ${input.reason}` },
      { kind: 'waiver', amount: plan.waived, note: `delivery fee waived: ${input.reason}` },
      { kind: 'refund', amount: plan.feeRefunded, note: `${FEE_REFUND_NOTE}${input.reason}` },
    ], ctx.nowIso);
    const given = [input.refund && `refund ${money(ctx, input.refund)}`, plan.waived && `delivery fee ${money(ctx, plan.waived)} waived`,
      plan.feeRefunded && `of which ${money(ctx, plan.feeRefunded)} paid back`].filter(Boolean).join(', ');
    await addEvent(ctx.db, id, 'compensation', `${input.kind}: ${input.reason}: ${given}`, ctx.nowIso);
    return notice(ctx.db, ctx, id, input.kind === 'late' ? 'delay-apology' : 'service-apology');
  });
  return { view: await loadView(ctx.db, id), message };
}
