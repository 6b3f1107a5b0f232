import type { CommandContext } from '../context.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { extendHold } from '../services/fulfilment.js';
import { orderId, positiveInt } from './args.js';

export async function run(ctx: CommandContext, [id]: string[], opts: Record<string, unknown>): Promise<void> {
  const n = orderId(id!);
  const days = positiveInt(String(opts.days), '--days');
  const { view, message } = await extendHold(ctx, n, days);
  if (ctx.json) printJson(ctx.stdout, { ...orderJson(view, ctx.currency), hold_until: view.row.hold_until, messages: [messageJson(message!)] });
  else ctx.stdout.write(`Order ${n} is held free until ${view.row.hold_until}.\n\n${messageText(ctx.colour, message!)}`);
}
