import type { CommandContext } from '../context.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { handover } from '../output/order-text.js';
import { confirmOrder } from '../services/orders.js';
import { orderId } from './args.js';

/** The flags of `orders confirm` (cli-commands.ts declares them). */
export interface ConfirmOptions {
  via: string;
  note?: string;
  withoutDeposit?: boolean;
}

export async function run(ctx: CommandContext, [id]: string[], opts: ConfirmOptions): Promise<void> {
  const n = orderId(id!);
  const { view, message } = await confirmOrder(ctx, n, {
    via: opts.via,
    note: opts.note,
    withoutDeposit: Boolean(opts.withoutDeposit),
  });
  if (ctx.json) printJson(ctx.stdout, { ...orderJson(view, ctx.currency), messages: [messageJson(message)] });
  else ctx.stdout.write(`Order ${n} is confirmed (via ${opts.via}); production can start. ${upperFirst(handover(view.row))}.\n\n${messageText(ctx.colour, message)}`);
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
