import type { CommandContext } from '../context.js';
import { parseComingDate } from '../core/typed-date.js';
import { UsageError } from '../core/errors.js';
import { parseAmount } from '../core/money.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { acceptDelivery, completeDelivery, offerDelivery } from '../services/fulfilment.js';
import { money } from '../services/views.js';
import { orderId, requireText } from './args.js';

/** The flags of `orders deliver` (cli-commands.ts declares them). */
export interface DeliverOptions {
  offer?: boolean;
  accept?: boolean;
  done?: boolean;
  afterHours?: boolean;
  eta?: string;
  fee?: string;
  courier?: string;
  tracking?: string;
  pay?: boolean;
  method?: string;
}

export async function run(ctx: CommandContext, [id]: string[], opts: DeliverOptions): Promise<void> {
  const n = orderId(id!);
  const steps = (['offer', 'accept', 'done'] as const).filter((s) => opts[s]);
  if (steps.length !== 1) throw new UsageError('Say one step: --offer, --accept or --done.');
  const eta = opts.eta !== undefined ? await parseComingDate(opts.eta, ctx.today, ctx.locale, '--eta') : undefined;
  const step = steps[0]!;
  if (opts.fee !== undefined && step === 'done') throw new UsageError('--fee goes with --offer or --accept.');
  if ((opts.courier !== undefined || opts.tracking !== undefined) && step !== 'done') throw new UsageError('--courier and --tracking go with --done.');
  const fee = opts.fee !== undefined ? parseAmount(opts.fee, ctx.currency, ctx.locale, '--fee') : undefined;
  const input = { afterHours: Boolean(opts.afterHours), eta, ...(fee !== undefined ? { fee } : {}) };
  const text = (flag: 'courier' | 'tracking') => (opts[flag] === undefined ? undefined : requireText(opts[flag], `--${flag}`));
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
