import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { parseAmount } from '../core/money.js';
import { orderJson, printJson } from '../output/json.js';
import { confirmOrAbort } from '../output/confirm.js';
import { messageJson, messageText } from '../output/message-text.js';
import { cancelOrder, money, previewCancel, type CancelPlan, type RefundChoice } from '../services/orders.js';
import { orderId, requireText } from './args.js';

function refundChoice(ctx: CommandContext, text: string | undefined, by: 'customer' | 'shop'): RefundChoice | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  const choice: RefundChoice = t === 'all' || t === 'none' ? t : { amount: parseAmount(text, ctx.currency, ctx.locale, 'refund') };
  if (by === 'shop' && choice !== 'all') {
    throw new UsageError(`Invalid --refund "${text}" for a shop cancellation: the shop refunds everything paid (use --refund all or leave it out).`);
  }
  return choice;
}

function describe(ctx: CommandContext, plan: CancelPlan): string {
  const parts = [];
  if (plan.refund) parts.push(`refund ${money(ctx, plan.refund)}`);
  if (plan.forfeit) parts.push(`keep ${money(ctx, plan.forfeit)} of the DP (forfeited)`);
  if (plan.owedBack) parts.push(`owe ${money(ctx, plan.owedBack)} back to the customer`);
  return parts.length ? parts.join(', ') : 'no money changes hands';
}

/** The flags of `orders cancel` (cli-commands.ts declares them). */
export interface CancelOptions {
  by: 'customer' | 'shop';
  reason: string;
  refund?: string;
  offer?: string;
}

export async function run(ctx: CommandContext, [id]: string[], opts: CancelOptions): Promise<void> {
  const n = orderId(id!);
  const by = opts.by;
  const reason = requireText(opts.reason, '--reason');
  const refund = refundChoice(ctx, opts.refund, by);
  const offer = opts.offer === undefined ? undefined : requireText(opts.offer, '--offer');
  if (offer !== undefined && by !== 'shop') throw new UsageError('--offer is for a shop cancellation (--by shop): the alternative the shop offers in its apology.');
  const preview = await previewCancel(ctx, n, by, refund);
  await confirmOrAbort(ctx, `Cancel order ${n} (by ${by}) and ${describe(ctx, preview)}?`, '--yes');
  const { view, plan, message } = await cancelOrder(ctx, n, by, reason, refund, offer);
  if (ctx.json) {
    printJson(ctx.stdout, { ...orderJson(view, ctx.currency), messages: [messageJson(message)] });
    return;
  }
  ctx.stdout.write(`Order ${n} is cancelled by ${by}: ${describe(ctx, plan)}.\n\n${messageText(ctx.colour, message)}`);
}
