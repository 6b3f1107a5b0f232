import type { CommandContext } from '../context.js';
import { templateName } from '../messages/templates.js';
import { printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { messageFor } from '../services/messages.js';
import { orderId } from './args.js';

/** Renders any template for an order (a preview where the order has not reached it) and logs it. */
/** The flags of `orders message` (cli-commands.ts declares them). */
export interface MessageOptions {
  dryRun?: boolean;
}

export async function run(ctx: CommandContext, [id, name]: string[], opts: MessageOptions): Promise<void> {
  const n = orderId(id!);
  const template = templateName(name!);
  const m = await messageFor(ctx, n, template, !opts.dryRun);
  if (ctx.json) printJson(ctx.stdout, messageJson(m));
  else ctx.stdout.write(messageText(ctx.colour, m));
}
