import type { CommandContext } from '../context.js';
import { printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { remind } from '../services/remind.js';

/** The flags of `orders remind` (cli-commands.ts declares them). */
export interface RemindOptions {
  dryRun?: boolean;
  send?: boolean;
}

export async function run(ctx: CommandContext, _args: string[], opts: RemindOptions): Promise<number> {
  const r = await remind(ctx, { dryRun: Boolean(opts.dryRun), send: Boolean(opts.send) });
  const shown = opts.send && !opts.dryRun ? r.sent : r.messages;
  if (ctx.json) printJson(ctx.stdout, shown.map(messageJson));
  else if (!opts.send || opts.dryRun) ctx.stdout.write(shown.map((m) => messageText(ctx.colour, m)).join('\n'));
  else for (const m of r.sent) ctx.stdout.write(`sent ${m.template} for order ${m.order_id} to ${m.name} (${m.phone})\n`);
  for (const f of r.failed) {
    ctx.stderr.write(`orders: could not send ${f.message.template} for order ${f.message.order_id} to ${f.message.phone} (${f.error}); it stays queued for the next run.\n`);
  }
  if (!ctx.json) {
    const verb = opts.dryRun ? 'would be sent (dry run: nothing recorded)' : opts.send ? 'sent' : 'due, recorded as sent';
    ctx.stderr.write(`${opts.send && !opts.dryRun ? r.sent.length : r.messages.length} message(s) ${verb}.\n`);
  }
  return r.failed.length ? 1 : 0;
}
