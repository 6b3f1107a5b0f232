import type { CommandContext } from '../context.js';
import { parseDateInput } from '../core/dates.js';
import { UsageError } from '../core/errors.js';
import { parseItem } from '../core/items.js';
import { parseAmount } from '../core/money.js';
import { normalisePhone } from '../core/phone.js';
import { parseDepositPercent, type DepositInput } from '../core/terms.js';
import { orderJson, printJson } from '../output/json.js';
import { messageJson, messageText } from '../output/message-text.js';
import { orderText } from '../output/order-text.js';
import { addOrder } from '../services/orders.js';
import { askOrder, canPrompt } from '../output/prompts.js';
import { requireText } from './args.js';
import { oneLine } from '../core/text.js';

/** `--deliver --address TEXT [--delivery-fee AMOUNT]`: the address is needed, the fee defaults to the terms'. */
function deliveryFromStart(ctx: CommandContext, opts: Record<string, unknown>): { address: string; fee?: number } | undefined {
  if (!opts.deliver) {
    if (opts.address !== undefined || opts.deliveryFee !== undefined) throw new UsageError('--address and --delivery-fee go with --deliver.');
    return undefined;
  }
  if (typeof opts.address !== 'string' || !opts.address.trim()) throw new UsageError('--deliver needs --address TEXT: where to deliver the order.');
  const address = opts.address.trim();
  const fee = typeof opts.deliveryFee === 'string' ? parseAmount(opts.deliveryFee, ctx.currency, ctx.locale, '--delivery-fee') : undefined;
  return { address, ...(fee !== undefined ? { fee } : {}) };
}

export async function run(ctx: CommandContext, _args: string[], given: Record<string, unknown>): Promise<void> {
  const incomplete = ['customer', 'phone', 'item', 'pickup'].some((k) => given[k] === undefined);
  const opts = incomplete && canPrompt(ctx) ? await askOrder(ctx, given) : given;
  const missing = [
    opts.customer === undefined && '--customer NAME',
    opts.phone === undefined && '--phone PHONE',
    opts.item === undefined && '--item "DESCRIPTION:QUANTITY:UNIT_PRICE"',
    opts.pickup === undefined && '--pickup DATE',
  ].filter(Boolean);
  if (missing.length) throw new UsageError(`Missing ${missing.join(', ')} for the new order.`);
  const name = String(opts.customer).trim();
  if (!name) throw new UsageError('Invalid --customer "": the name is empty.');
  oneLine(name, '--customer');
  const phone = normalisePhone(String(opts.phone), ctx.settings.country_code!);
  const items = (opts.item as string[]).map((t) => parseItem(t, ctx.currency, ctx.locale));
  const pickupDate = parseDateInput(String(opts.pickup), ctx.today, 'pickup date');
  let deposit: DepositInput | undefined;
  if (typeof opts.deposit === 'string') {
    const percent = parseDepositPercent(opts.deposit);
    deposit = percent !== null ? { percent } : { amount: parseAmount(opts.deposit, ctx.currency, ctx.locale, 'deposit') };
  }
  const { view, messages, depositReason, warnings } = await addOrder(ctx, {
    name, phone, items, pickupDate, deposit, custom: Boolean(opts.custom),
    note: typeof opts.note === 'string' ? opts.note : undefined,
    overrideBlacklist: typeof opts.overrideBlacklist === 'string' ? requireText(opts.overrideBlacklist, '--override-blacklist') : undefined,
    overrideDeposit: typeof opts.overrideDeposit === 'string' ? requireText(opts.overrideDeposit, '--override-deposit') : undefined,
    perishable: Boolean(opts.perishable), delivery: deliveryFromStart(ctx, opts),
  });
  for (const w of warnings) ctx.stderr.write(`orders: note: ${w}\n`);
  if (ctx.json) {
    printJson(ctx.stdout, { ...orderJson(view, ctx.currency), deposit_reason: depositReason, warnings, messages: messages.map(messageJson) });
    return;
  }
  ctx.stdout.write(`${orderText(ctx, view)}${depositReason ? `${depositReason}\n` : ''}\n${messages.map((m) => messageText(ctx.colour, m)).join('\n')}`);
  if (ctx.stderr.isTTY) ctx.stderr.write(`Next: \`orders pay ${view.row.id} AMOUNT\` when the DP is paid, then \`orders confirm ${view.row.id} --via whatsapp\`.\n`);
}
