import type { CommandContext } from '../context.js';
import { parseComingDate } from '../core/typed-date.js';
import { orderJson, printJson } from '../output/json.js';
import { handover } from '../output/order-text.js';
import { messageJson, messageText } from '../output/message-text.js';
import { money, readyOrder } from '../services/orders.js';
import { orderId } from './args.js';

/** The flags of `orders ready` (cli-commands.ts declares them). */
export interface ReadyOptions {
  pickup?: string;
}

export async function run(ctx: CommandContext, [id]: string[], opts: ReadyOptions): Promise<void> {
  const n = orderId(id!);
  const pickup = opts.pickup !== undefined ? await parseComingDate(opts.pickup, ctx.today, ctx.locale, 'pickup date') : undefined;
  const { view, message } = await readyOrder(ctx, n, pickup);
  if (ctx.json) printJson(ctx.stdout, { ...orderJson(view, ctx.currency), messages: [messageJson(message)] });
  else ctx.stdout.write(`Order ${n} is ready for ${handover(view.row)}; balance to collect ${money(ctx, Math.max(0, view.balance))}.\n\n${messageText(ctx.colour, message)}`);
}
