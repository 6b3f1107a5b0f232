import type { CommandContext } from '../context.js';
import { confirmOrAbort } from '../output/confirm.js';
import { orderJson, printJson } from '../output/json.js';
import { previewVoid, voidOrder } from '../services/money.js';
import { orderId, requireText } from './args.js';

export interface VoidOptions {
  reason?: string;
}

/** An order entered by mistake: no message for the customer, only the owner's confirmation. */
export async function run(ctx: CommandContext, [id]: string[], opts: VoidOptions): Promise<void> {
  const n = orderId(id!);
  const reason = requireText(opts.reason, '--reason');
  const before = await previewVoid(ctx, n);
  await confirmOrAbort(ctx, `Void order ${n} (${JSON.stringify(before.row.customer_name)}, ${before.row.status}) as entered by mistake, so that it counts nowhere?`, '--yes');
  const view = await voidOrder(ctx, n, reason);
  if (ctx.json) printJson(ctx.stdout, orderJson(view, ctx.currency));
  else ctx.stdout.write(`Order ${n} is void: ${reason}. It is left out of lists, reports, customer counts and exports (\`orders list --status void\` shows it).\n`);
}
