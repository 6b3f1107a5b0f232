import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { parseAmount } from '../core/money.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { compensate } from '../services/fulfilment.js';
import { orderId, requireText } from './args.js';

export async function run(ctx: CommandContext, [id]: string[], opts: Record<string, unknown>): Promise<void> {
  const n = orderId(id!);
  const reason = requireText(opts.reason, '--reason');
  const refund = typeof opts.refund === 'string' ? parseAmount(opts.refund, ctx.currency, ctx.locale, 'refund') : 0;
  if (!refund && !opts.waiveDelivery) throw new UsageError('Say what the compensation is: --refund AMOUNT, --waive-delivery, or both.');
  const { view, message } = await compensate(ctx, n, { reason, refund, waiveDelivery: Boolean(opts.waiveDelivery) });
  if (ctx.json) printJson(ctx.stdout, { ...orderJson(view, ctx.currency), messages: [messageJson(message!)] });
  else ctx.stdout.write(`Compensation recorded for order ${n}.\n\n${messageText(ctx.colour, message!)}`);
}
