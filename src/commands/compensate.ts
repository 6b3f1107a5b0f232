import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { COMPENSATION_KINDS, type CompensationKind } from '../core/ledger.js';
import { parseAmount } from '../core/money.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { compensate } from '../services/money.js';
import { orderId, requireText } from './args.js';

export interface CompensateOptions {
  kind?: string;
  reason?: string;
  refund?: string;
  waiveDelivery?: boolean;
}

export async function run(ctx: CommandContext, [id]: string[], opts: CompensateOptions): Promise<void> {
  const n = orderId(id!);
  const kind = opts.kind ?? 'late';
  if (!(COMPENSATION_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`Invalid --kind "${kind}": use ${COMPENSATION_KINDS.join(', ')}.`);
  }
  const reason = requireText(opts.reason, '--reason');
  const refund = typeof opts.refund === 'string' ? parseAmount(opts.refund, ctx.currency, ctx.locale, 'refund') : 0;
  if (!refund && !opts.waiveDelivery) throw new UsageError('Say what the compensation is: --refund AMOUNT, --waive-delivery, or both.');
  const { view, message } = await compensate(ctx, n, { kind: kind as CompensationKind, reason, refund, waiveDelivery: Boolean(opts.waiveDelivery) });
  if (ctx.json) printJson(ctx.stdout, { ...orderJson(view, ctx.currency), messages: [messageJson(message)] });
  else ctx.stdout.write(`Compensation (${kind}) recorded for order ${n}.\n\n${messageText(ctx.colour, message)}`);
}
