import { UsageError } from '../core/errors.js';
import { numberSetting } from '../core/settings.js';
import { dueMessages, markFailed, markSent } from '../db/outbox.js';
import { writeTransaction } from '../db/tx.js';
import type { TemplateName } from '../messages/templates.js';
import type { ServiceContext } from './context.js';
import { recordSent, renderFor, type RenderedMessage } from './messages.js';
import { sendWith } from './notify.js';
import { queueDueNotices } from './outbox.js';

export interface RemindResult {
  messages: RenderedMessage[];
  sent: RenderedMessage[];
  failed: { message: RenderedMessage; error: string }[];
}

/** notify.command, or the usage error `--send` gets without one. */
export function gatewayCommand(ctx: ServiceContext): string {
  const command = ctx.settings['notify.command'] ?? '';
  if (!command.trim()) throw new UsageError('--send needs a gateway program: set it with `orders config set notify.command "COMMAND"`.');
  return command;
}

/**
 * Everything due now: queues today's reminders and overdue notices, then prints (and logs as
 * sent) every queued message, or hands each to notify.command with --send. A dry run does the
 * same work in a transaction that is rolled back.
 */
export async function remind(ctx: ServiceContext, opts: { dryRun: boolean; send: boolean }): Promise<RemindResult> {
  const command = opts.send ? gatewayCommand(ctx) : '';
  const due = await writeTransaction(ctx.db, async (trx) => {
    await queueDueNotices(trx, ctx);
    const rows = await dueMessages(trx, ctx.today);
    const rendered = [];
    for (const row of rows) rendered.push({ outboxId: row.id, message: await renderFor(trx, ctx, row.order_id, row.template as TemplateName) });
    if (!opts.send && !opts.dryRun) await logSent(trx, ctx, rendered, 'printed');
    return rendered;
  }, { dryRun: opts.dryRun });
  const result: RemindResult = { messages: due.map((d) => d.message), sent: [], failed: [] };
  if (!opts.send || opts.dryRun) return result;

  // Each message is marked sent in its own commit as soon as its program exits 0, so a run
  // killed half-way never hands a delivered message to the gateway again.
  const timeout = numberSetting(ctx.settings, 'notify.timeout_seconds');
  for (const d of due) {
    const outcome = await sendWith(command, d.message, timeout);
    await writeTransaction(ctx.db, async (trx) => {
      if (outcome.ok) await logSent(trx, ctx, [d], 'notify');
      else await markFailed(trx, d.outboxId, outcome.error);
    });
    if (outcome.ok) result.sent.push(d.message);
    else result.failed.push({ message: d.message, error: outcome.error });
  }
  return result;
}

async function logSent(trx: Parameters<typeof recordSent>[0], ctx: ServiceContext, items: { outboxId: number; message: RenderedMessage }[], channel: string): Promise<void> {
  const ids = await recordSent(trx, ctx, items.map((i) => i.message), channel);
  for (let i = 0; i < items.length; i++) await markSent(trx, items[i]!.outboxId, ids[i]!, ctx.nowIso);
}
