import type { CommandContext } from '../context.js';
import { buildDemo } from '../services/demo.js';

export async function run(ctx: CommandContext): Promise<void> {
  const r = await buildDemo(ctx);
  const db = `--db ${JSON.stringify(ctx.dbPath)}`;
  if (ctx.json) {
    ctx.stdout.write(`${JSON.stringify({ db: ctx.dbPath, orders: r.orders, from: r.from, to: r.to })}\n`);
    return;
  }
  ctx.stdout.write(`Built a sample shop in ${ctx.dbPath}: ${r.orders} orders from ${r.from} to ${r.to}, with a sweep every night.

Look around:
  orders ${db} today                 the day's agenda
  orders ${db} remind --dry-run      messages due, with WhatsApp links
  orders ${db} list                  every order
  orders ${db} show 3                one order with its timeline
  orders ${db} report --from ${r.from}   how the two weeks went
`);
}
