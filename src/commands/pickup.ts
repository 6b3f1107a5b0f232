import type { CommandContext } from '../context.js';
import { orderJson, printJson } from '../output/json.js';
import { money, pickupOrder } from '../services/orders.js';
import { orderId } from './args.js';

/** The flags of `orders pickup` (cli-commands.ts declares them). */
export interface PickupOptions {
  pay?: boolean;
  method: string;
}

export async function run(ctx: CommandContext, [id]: string[], opts: PickupOptions): Promise<void> {
  const n = orderId(id!);
  const view = await pickupOrder(ctx, n, { pay: Boolean(opts.pay), method: opts.method });
  if (ctx.json) {
    printJson(ctx.stdout, orderJson(view, ctx.currency));
    return;
  }
  ctx.stdout.write(`Order ${n} picked up and completed. Paid ${money(ctx, view.paid)}.\n`);
  if (view.balance < 0) ctx.stdout.write(`The customer paid ${money(ctx, -view.balance)} more than owed: hand it back.\n`);
}
