import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { logContact } from '../services/contact.js';
import { orderId, requireText } from './args.js';

/** The flags of `orders contact` (cli-commands.ts declares them). */
export interface ContactOptions {
  in?: boolean;
  out?: boolean;
  via: string;
  complaint?: boolean;
}

export async function run(ctx: CommandContext, [id, text]: string[], opts: ContactOptions): Promise<void> {
  const n = orderId(id!);
  if (Boolean(opts.in) === Boolean(opts.out)) throw new UsageError('Say which way the contact went: --in (from the customer) or --out (to the customer).');
  const body = requireText(text, 'The contact');
  const { view, ack } = await logContact(ctx, n, { direction: opts.in ? 'in' : 'out', via: opts.via, complaint: Boolean(opts.complaint), text: body });
  if (ctx.json) {
    printJson(ctx.stdout, { ...orderJson(view, ctx.currency), messages: ack ? [messageJson(ack)] : [] });
    return;
  }
  ctx.stdout.write(`Logged ${opts.complaint ? 'complaint' : 'contact'} ${opts.in ? 'from' : 'to'} the customer of order ${n} via ${opts.via}.\n`);
  if (ack) ctx.stdout.write(`\n${messageText(ctx.colour, ack)}`);
}
