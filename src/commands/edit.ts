import type { CommandContext } from '../context.js';
import { parseComingDate } from '../core/typed-date.js';
import { UsageError } from '../core/errors.js';
import { parseItem } from '../core/items.js';
import { parseAmount } from '../core/money.js';
import { parseDepositPercent, type DepositInput } from '../core/terms.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { orderText } from '../output/order-text.js';
import { editOrder, type OrderEdit } from '../services/edit.js';
import { orderId } from './args.js';

export interface EditOptions {
  item?: string[];
  pickup?: string;
  deposit?: string;
  custom?: boolean;
  note?: string;
}

/** Flags -> the edit, every value checked before the order is read (bad input exits 2 first). */
export async function parseEdit(ctx: CommandContext, opts: EditOptions): Promise<OrderEdit> {
  const edit: OrderEdit = {};
  if (opts.item) edit.items = opts.item.map((t) => parseItem(t, ctx.currency, ctx.locale));
  if (opts.pickup !== undefined) edit.pickupDate = await parseComingDate(opts.pickup, ctx.today, ctx.locale, 'pickup date');
  if (opts.deposit !== undefined) {
    const percent = parseDepositPercent(opts.deposit);
    edit.deposit = percent !== null ? { percent } : { amount: parseAmount(opts.deposit, ctx.currency, ctx.locale, 'deposit') } as DepositInput;
  }
  if (opts.custom) edit.custom = true;
  if (opts.note !== undefined) edit.note = opts.note;
  if (Object.keys(edit).length === 0) {
    throw new UsageError('Say what to change: --item (replaces all items), --pickup DATE, --deposit AMOUNT|PERCENT%, --custom or --note TEXT.');
  }
  return edit;
}

export async function run(ctx: CommandContext, [id]: string[], opts: EditOptions): Promise<void> {
  const n = orderId(id!);
  const { view, changes, requoted, message } = await editOrder(ctx, n, await parseEdit(ctx, opts));
  if (ctx.json) {
    printJson(ctx.stdout, { ...orderJson(view, ctx.currency), changes, messages: message ? [messageJson(message)] : [] });
    return;
  }
  if (changes.length === 0) {
    ctx.stdout.write(`Order ${n} already reads that way; nothing was changed.\n`);
    return;
  }
  const head = `Order ${n} edited: ${changes.join('; ')}.\n${requoted ? 'The quote changed, so its confirmation is withdrawn: the order is pending until the customer confirms the new quote.\n' : ''}`;
  ctx.stdout.write(`${head}\n${orderText(ctx, view)}${message ? `\n${messageText(ctx.colour, message)}` : ''}`);
}
