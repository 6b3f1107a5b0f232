import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { parseAmount } from '../core/money.js';
import { orderJson, printJson } from '../output/json.js';
import { money, payOrder } from '../services/orders.js';
import { orderId } from './args.js';

export async function run(ctx: CommandContext, [id, amountText]: string[], opts: Record<string, unknown>): Promise<void> {
  const n = orderId(id!);
  const amount = parseAmount(amountText!, ctx.currency, ctx.locale, 'payment amount');
  if (amount === 0) throw new UsageError(`Invalid payment amount "${amountText}": a payment must be more than zero.`);
  const view = await payOrder(ctx, n, amount, String(opts.method));
  if (ctx.json) {
    printJson(ctx.stdout, orderJson(view, ctx.currency));
    return;
  }
  const dpMissing = view.row.deposit_required - view.paid;
  // Everything owed: the goods plus any accepted delivery fee and storage fees, less waivers.
  const owed = view.paid + view.balance;
  const extra = owed !== view.row.total ? ` (goods ${money(ctx, view.row.total)} and fees ${money(ctx, owed - view.row.total)})` : '';
  const standing = view.balance <= 0 ? 'paid in full (lunas)' : `balance ${money(ctx, view.balance)}`;
  ctx.stdout.write(`Payment of ${money(ctx, amount)} (${String(opts.method)}) recorded for order ${n}. Paid ${money(ctx, view.paid)} of ${money(ctx, owed)}${extra}; ${standing}.\n`);
  if (view.row.status === 'pending') {
    ctx.stdout.write(dpMissing > 0 ? `The DP still needs ${money(ctx, dpMissing)}.\n` : `The DP is paid: \`orders confirm ${n} --via CHANNEL\` starts production.\n`);
  }
}
