import { UsageError } from '../core/errors.js';
import { numberSetting } from '../core/settings.js';
import { dueMessages, markFailed, markSent } from '../db/outbox.js';
import type { DB } from '../db/types.js';
import type { TemplateName } from '../messages/templates.js';
import { inWrite, type ServiceContext } from './context.js';
import { recordSent, renderMany, type RenderedMessage } from './messages.js';
import { sendWith } from './notify.js';
import { queueDueNotices } from './outbox.js';

export interface RemindResult {
  /** messages printed (or, with --send, handed to the gateway and sent) */
  count: number;
  failed: { message: RenderedMessage; error: string }[];
}

/** notify.command, or the usage error `--send` gets without one. */
export function gatewayCommand(ctx: ServiceContext): string {
  const command = ctx.settings['notify.command'] ?? '';
  if (!command.trim()) throw new UsageError('--send needs a gateway program: set it with `orders config set notify.command "COMMAND"`.');
  return command;
}

type Due = { outboxId: number; message: RenderedMessage };

/** Messages rendered per page: what a page costs in memory, whatever the number due. */
const PAGE = 500;

/** Renders the due messages a page at a time, in (due_on, id) order, each page handed to fn. */
async function eachDuePage(db: DB, ctx: ServiceContext, fn: (page: Due[]) => Promise<void>): Promise<void> {
  for (let after = null as { due_on: string; id: number } | null; ;) {
    const rows = await dueMessages(db, ctx.today, after, PAGE);
    if (rows.length === 0) return;
    const messages = await renderMany(db, ctx, rows.map((r) => ({ order_id: r.order_id, template: r.template as TemplateName })));
    await fn(rows.map((r, i) => ({ outboxId: r.id, message: messages[i]! })));
    after = rows[rows.length - 1]!;
  }
}

/**
 * Everything due now: queues today's reminders and overdue notices, then prints (and logs as
 * sent) every queued message, or hands each to notify.command with --send. A dry run does the
 * same work in a transaction that is rolled back. Messages go to onMessages a page at a time
 * (SPEC 12: memory stays flat); printed ones are recorded in the same transaction.
 */
export async function remind(ctx: ServiceContext, opts: { dryRun: boolean; send: boolean }, onMessages: (page: RenderedMessage[]) => void | Promise<void> = () => {}): Promise<RemindResult> {
  const command = opts.send ? gatewayCommand(ctx) : '';
  const result: RemindResult = { count: 0, failed: [] };
  if (!opts.send || opts.dryRun) {
    await inWrite(ctx, async (ctx) => {
      await queueDueNotices(ctx.db, ctx);
      await eachDuePage(ctx.db, ctx, async (page) => {
        if (!opts.dryRun) await logSent(ctx.db, ctx, page, 'printed');
        result.count += page.length;
        await onMessages(page.map((d) => d.message));
      });
    }, { dryRun: opts.dryRun });
    return result;
  }

  await inWrite(ctx, (ctx) => queueDueNotices(ctx.db, ctx));
  // Each message is marked sent in its own commit as soon as its program exits 0, so a run
  // killed half-way never hands a delivered message to the gateway again.
  const timeout = numberSetting(ctx.settings, 'notify.timeout_seconds');
  await eachDuePage(ctx.db, ctx, async (page) => {
    for (const d of page) {
      const outcome = await sendWith(command, d.message, timeout);
      await inWrite(ctx, async (ctx) => {
        if (outcome.ok) await logSent(ctx.db, ctx, [d], 'notify');
        else await markFailed(ctx.db, d.outboxId, outcome.error);
      });
      if (outcome.ok) {
        result.count += 1;
        await onMessages([d.message]);
      } else result.failed.push({ message: d.message, error: outcome.error });
    }
  });
  return result;
}

async function logSent(trx: Parameters<typeof recordSent>[0], ctx: ServiceContext, items: { outboxId: number; message: RenderedMessage }[], channel: string): Promise<void> {
  const ids = await recordSent(trx, ctx, items.map((i) => i.message), channel);
  await markSent(trx, items.map((item, i) => ({ id: item.outboxId, communicationId: ids[i]! })), ctx.nowIso);
}
