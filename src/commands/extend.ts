import type { CommandContext } from '../context.js';
import { addDays, parseDateInput } from '../core/dates.js';
import { UsageError } from '../core/errors.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { extendHold } from '../services/fulfilment.js';
import { orderId, positiveInt } from './args.js';

export interface ExtendOptions {
  days?: string;
  until?: string;
}

/** The day the hold lasts through: `--days N` from today, or `--until DATE` itself. */
function holdUntil(ctx: CommandContext, opts: ExtendOptions): string {
  if ((opts.days === undefined) === (opts.until === undefined)) throw new UsageError('Say how long: --days N (from today) or --until DATE.');
  if (opts.days !== undefined) return addDays(ctx.today, positiveInt(opts.days, '--days'));
  const until = parseDateInput(opts.until!, ctx.today, '--until date');
  if (until <= ctx.today) throw new UsageError(`Invalid --until ${until}: the hold must last past today (${ctx.today}).`);
  return until;
}

export async function run(ctx: CommandContext, [id]: string[], opts: ExtendOptions): Promise<void> {
  const n = orderId(id!);
  const { view, message } = await extendHold(ctx, n, holdUntil(ctx, opts));
  if (ctx.json) printJson(ctx.stdout, { ...orderJson(view, ctx.currency), hold_until: view.row.hold_until, messages: [messageJson(message!)] });
  else ctx.stdout.write(`Order ${n} is held free until ${view.row.hold_until}.\n\n${messageText(ctx.colour, message!)}`);
}
