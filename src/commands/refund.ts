import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { parseAmount } from '../core/money.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { refundOrder } from '../services/money.js';
import { money } from '../services/views.js';
import { orderId, requireText } from './args.js';

export interface RefundOptions {
  method?: string;
  reason?: string;
}

export async function run(ctx: CommandContext, [id, amountText]: string[], opts: RefundOptions): Promise<void> {
  const n = orderId(id!);
  const all = amountText!.trim().toLowerCase() === 'all';
  const amount = all ? 'all' : parseAmount(amountText!, ctx.currency, ctx.locale, 'refund amount');
  if (amount === 0) throw new UsageError(`Invalid refund amount "${amountText}": a refund must be more than zero (or all).`);
  const method = opts.method ?? 'cash';
  const reason = opts.reason === undefined ? undefined : requireText(opts.reason, '--reason');
  const { view, message } = await refundOrder(ctx, n, { amount, method, reason });
  if (ctx.json) {
    printJson(ctx.stdout, { ...orderJson(view, ctx.currency), messages: [messageJson(message)] });
    return;
  }
  const left = -view.balance;
  ctx.stdout.write(`Refund recorded for order ${n} (${method}); ${left > 0 ? `${money(ctx, left)} is still owed back` : 'nothing is owed back any more'}.\n\n${messageText(ctx.colour, message)}`);
}
