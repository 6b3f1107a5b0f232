import type { CommandContext } from '../context.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { confirmOrder } from '../services/orders.js';
import { orderId } from './args.js';

export async function run(ctx: CommandContext, [id]: string[], opts: Record<string, unknown>): Promise<void> {
  const n = orderId(id!);
  const { view, message } = await confirmOrder(ctx, n, {
    via: String(opts.via),
    note: typeof opts.note === 'string' ? opts.note : undefined,
    withoutDeposit: Boolean(opts.withoutDeposit),
  });
  if (ctx.json) printJson(ctx.stdout, { ...orderJson(view, ctx.currency), messages: [messageJson(message)] });
  else ctx.stdout.write(`Order ${n} is confirmed (via ${String(opts.via)}); production can start. Pickup on ${view.row.pickup_date}.\n\n${messageText(ctx.colour, message)}`);
}
