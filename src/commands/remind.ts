import type { CommandContext } from '../context.js';
import { messageJson, messageText } from '../output/message-text.js';
import { RowWriter } from '../output/rows.js';
import { Spool } from '../output/spool.js';
import { remind } from '../services/remind.js';
import { nightlyHeap } from './heap.js';
import type { RenderedMessage } from '../services/messages.js';

/** The flags of `orders remind` (cli-commands.ts declares them). */
export interface RemindOptions {
  dryRun?: boolean;
  send?: boolean;
}

export async function run(ctx: CommandContext, _args: string[], opts: RemindOptions): Promise<number> {
  const sending = Boolean(opts.send) && !opts.dryRun;
  nightlyHeap();
  // Printed messages are recorded as sent in the run's transaction, so they are spooled and
  // shown once it commits; sent ones are shown as they go out (each is committed already).
  const spool = sending ? null : new Spool();
  const out = spool ?? ctx.stdout;
  const json = ctx.json ? new RowWriter<RenderedMessage>(out, 'json', { columns: [], cells: () => [], json: messageJson }) : null;
  let first = true;
  try {
    const r = await remind(ctx, { dryRun: Boolean(opts.dryRun), send: Boolean(opts.send) }, async (page) => {
      if (json) await json.add(page);
      else if (!sending) {
        out.write((first ? '' : '\n') + page.map((m) => messageText(ctx.colour, m)).join('\n'));
        first = false;
      } else for (const m of page) out.write(`sent ${m.template} for order ${m.order_id} to ${m.name} (${m.phone})\n`);
    });
    await json?.end();
    await spool?.copyTo(ctx.stdout);
    for (const f of r.failed) {
      ctx.stderr.write(`orders: could not send ${f.message.template} for order ${f.message.order_id} to ${f.message.phone} (${f.error}); it stays queued for the next run.\n`);
    }
    if (!ctx.json) {
      const verb = opts.dryRun ? 'would be sent (dry run: nothing recorded)' : opts.send ? 'sent' : 'due, recorded as sent';
      ctx.stderr.write(`${r.count} message(s) ${verb}.\n`);
    }
    return r.failed.length ? 1 : 0;
  } finally {
    spool?.dispose();
  }
}
