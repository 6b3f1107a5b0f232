import type { CommandContext } from '../context.js';
import { orderJson, printJson } from '../output/json.js';
import { orderText, termsText, timelineText } from '../output/order-text.js';
import { orderTimeline, showOrder } from '../services/orders.js';
import { orderId } from './args.js';

export async function run(ctx: CommandContext, [id]: string[]): Promise<void> {
  const n = orderId(id!);
  const view = await showOrder(ctx, n);
  const timeline = await orderTimeline(ctx, n);
  if (ctx.json) {
    printJson(ctx.stdout, {
      ...orderJson(view, ctx.currency),
      timeline,
    });
    return;
  }
  ctx.stdout.write(`${orderText(ctx, view)}\n${termsText(ctx, view)}\n${timelineText(timeline)}`);
}
