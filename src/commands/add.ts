import type { CommandContext } from '../context.js';
import { parseComingDate } from '../core/typed-date.js';
import { UsageError } from '../core/errors.js';
import { parseItem } from '../core/items.js';
import { parseAmount } from '../core/money.js';
import { normalisePhone } from '../core/phone.js';
import { parseDepositPercent, type DepositInput } from '../core/terms.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { orderText } from '../output/order-text.js';
import { addOrder, DeclinedError } from '../services/orders.js';
import type { Salutation } from '../messages/salutation.js';
import { askOrder, canPrompt } from '../output/prompts.js';
import { requireText } from './args.js';
import { oneLine } from '../core/text.js';

/** The flags of `orders add` (cli-commands.ts declares them); the prompts fill in the same fields. */
export interface AddOptions {
  customer?: string;
  phone?: string;
  item?: string[];
  pickup?: string;
  deposit?: string;
  custom?: boolean;
  note?: string;
  overrideBlacklist?: string;
  overrideDeposit?: string;
  salutation?: Salutation;
  perishable?: boolean;
  deliver?: boolean;
  address?: string;
  deliveryFee?: string;
}

/** `--deliver --address TEXT [--delivery-fee AMOUNT]`: the address is needed, the fee defaults to the terms'. */
function deliveryFromStart(ctx: CommandContext, opts: AddOptions): { address: string; fee?: number } | undefined {
  if (!opts.deliver) {
    if (opts.address !== undefined || opts.deliveryFee !== undefined) throw new UsageError('--address and --delivery-fee go with --deliver.');
    return undefined;
  }
  if (typeof opts.address !== 'string' || !opts.address.trim()) throw new UsageError('--deliver needs --address TEXT: where to deliver the order.');
  const address = opts.address.trim();
  const fee = typeof opts.deliveryFee === 'string' ? parseAmount(opts.deliveryFee, ctx.currency, ctx.locale, '--delivery-fee') : undefined;
  return { address, ...(fee !== undefined ? { fee } : {}) };
}

export async function run(ctx: CommandContext, _args: string[], given: AddOptions): Promise<void> {
  const incomplete = given.customer === undefined || given.phone === undefined || given.item === undefined || given.pickup === undefined;
  const opts = incomplete && canPrompt(ctx) ? await askOrder(ctx, given) : given;
  const missing = [
    opts.customer === undefined && '--customer NAME',
    opts.phone === undefined && '--phone PHONE',
    opts.item === undefined && '--item "DESCRIPTION:QUANTITY:UNIT_PRICE"',
    opts.pickup === undefined && '--pickup DATE',
  ].filter(Boolean);
  if (missing.length) throw new UsageError(`Missing ${missing.join(', ')} for the new order.`);
  const name = opts.customer!.trim();
  if (!name) throw new UsageError('Invalid --customer "": the name is empty.');
  oneLine(name, '--customer');
  const phone = normalisePhone(opts.phone!, ctx.settings.country_code!);
  const items = opts.item!.map((t) => parseItem(t, ctx.currency, ctx.locale));
  const pickupDate = await parseComingDate(opts.pickup!, ctx.today, ctx.locale, 'pickup date');
  let deposit: DepositInput | undefined;
  if (opts.deposit !== undefined) {
    const percent = parseDepositPercent(opts.deposit);
    deposit = percent !== null ? { percent } : { amount: parseAmount(opts.deposit, ctx.currency, ctx.locale, 'deposit') };
  }
  const added = addOrder(ctx, {
    name, phone, items, pickupDate, deposit, custom: Boolean(opts.custom),
    note: opts.note,
    overrideBlacklist: opts.overrideBlacklist === undefined ? undefined : requireText(opts.overrideBlacklist, '--override-blacklist'),
    overrideDeposit: opts.overrideDeposit === undefined ? undefined : requireText(opts.overrideDeposit, '--override-deposit'),
    salutation: opts.salutation,
    perishable: Boolean(opts.perishable), delivery: deliveryFromStart(ctx, opts),
  });
  const { view, messages, depositReason, warnings } = await added.catch((err: unknown) => {
    // The order is refused (exit 1), but the owner gets the polite words to send the customer.
    if (err instanceof DeclinedError) {
      const m = err.declined;
      if (ctx.json) printJson(ctx.stdout, { ...messageJson(m), order_id: null });
      else ctx.stdout.write(messageText(ctx.colour, m));
    }
    throw err;
  });
  for (const w of warnings) ctx.stderr.write(`orders: note: ${w}\n`);
  if (ctx.json) {
    printJson(ctx.stdout, { ...orderJson(view, ctx.currency), deposit_reason: depositReason, warnings, messages: messages.map(messageJson) });
    return;
  }
  ctx.stdout.write(`${orderText(ctx, view)}${depositReason ? `${depositReason}\n` : ''}\n${messages.map((m) => messageText(ctx.colour, m)).join('\n')}`);
  if (ctx.stderr.isTTY) ctx.stderr.write(`Next: \`orders pay ${view.row.id} AMOUNT\` when the DP is paid, then \`orders confirm ${view.row.id} --via whatsapp\`.\n`);
}
