import type { CommandContext } from '../context.js';
import { parseDateInput } from '../core/dates.js';
import { UsageError } from '../core/errors.js';
import { parseAmount } from '../core/money.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { acceptDelivery, completeDelivery, offerDelivery } from '../services/fulfilment.js';
import { money } from '../services/views.js';
import { orderId, requireText } from './args.js';

export async function run(ctx: CommandContext, [id]: string[], opts: Record<string, unknown>): Promise<void> {
  const n = orderId(id!);
  const steps = (['offer', 'accept', 'done'] as const).filter((s) => opts[s]);
  if (steps.length !== 1) throw new UsageError('Say one step: --offer, --accept or --done.');
  const eta = typeof opts.eta === 'string' ? parseDateInput(opts.eta, ctx.today, '--eta date') : undefined;
  if (eta !== undefined && eta < ctx.today) throw new UsageError(`Invalid --eta ${eta}: it is before today (${ctx.today}).`);
  const step = steps[0]!;
  if (opts.fee !== undefined && step === 'done') throw new UsageError('--fee goes with --offer or --accept.');
  if ((opts.courier !== undefined || opts.tracking !== undefined) && step !== 'done') throw new UsageError('--courier and --tracking go with --done.');
  const fee = typeof opts.fee === 'string' ? parseAmount(opts.fee, ctx.currency, ctx.locale, '--fee') : undefined;
  const input = { afterHours: Boolean(opts.afterHours), eta, ...(fee !== undefined ? { fee } : {}) };
  const text = (flag: string) => (typeof opts[flag] === 'string' ? requireText(opts[flag], `--${flag}`) : undefined);
  const { view, message } = step === 'offer' ? await offerDelivery(ctx, n, input)
    : step === 'accept' ? await acceptDelivery(ctx, n, input)
      : await completeDelivery(ctx, n, { pay: Boolean(opts.pay), method: String(opts.method), courier: text('courier'), tracking: text('tracking') });
  if (ctx.json) {
    printJson(ctx.stdout, { ...orderJson(view, ctx.currency), fulfilment: view.row.fulfilment, delivery_eta: view.row.delivery_eta, messages: message ? [messageJson(message)] : [] });
    return;
  }
  if (step === 'offer') ctx.stdout.write(messageText(ctx.colour, message!));
  else if (step === 'accept') ctx.stdout.write(`Order ${n} will be delivered (ETA ${view.row.delivery_eta}); delivery fee ${money(ctx, view.totals.delivery_fees)} added, balance ${money(ctx, view.balance)}.\n`);
  else ctx.stdout.write(`Order ${n} delivered and completed. Paid ${money(ctx, view.paid)}.\n\n${messageText(ctx.colour, message!)}`);
}
