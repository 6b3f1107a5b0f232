import type { CommandContext } from '../context.js';
import { toMajorNumber } from '../core/money.js';
import { orderJson, printJson } from '../output/json.js';
import { agenda } from '../services/today.js';
import { money } from '../services/views.js';

export async function run(ctx: CommandContext): Promise<void> {
  const a = await agenda(ctx);
  if (ctx.json) {
    printJson(ctx.stdout, {
      date: a.date,
      pickups: a.pickups.map((v) => orderJson(v, ctx.currency)),
      messages_due: a.messages,
      overdue: a.overdue.map(({ view, clock }) => ({
        id: view.row.id, customer: view.row.customer_name, phone: view.row.customer_phone, ready_since: clock.start,
        free_until: clock.freeThrough, cancel_on: clock.cancelOn, storage_fees: toMajorNumber(view.totals.storage_fees, ctx.currency),
        balance: toMajorNumber(view.balance, ctx.currency),
      })),
      tonight: a.tonight,
    });
    return;
  }
  const c = ctx.colour;
  const out: string[] = [c.bold(`Today, ${a.date}`)];
  out.push('', c.bold(`Pickups due today (${a.pickups.length})`));
  for (const v of a.pickups) out.push(`  #${v.row.id} ${v.row.customer_name} ${v.row.customer_phone} [${v.row.status}] to collect ${money(ctx, Math.max(0, v.balance))}`);
  out.push('', c.bold(`Messages to send (${a.messages.length})`) + (a.messages.length ? ': run `orders remind`' : ''));
  for (const m of a.messages) out.push(`  #${m.order_id} ${m.template}`);
  out.push('', c.bold(`Overdue (${a.overdue.length})`));
  for (const { view, clock } of a.overdue) {
    out.push(`  #${view.row.id} ${view.row.customer_name} ${view.row.customer_phone}: ready since ${clock.start}, free until ${clock.freeThrough}, cancelled on ${clock.cancelOn} without word; fees so far ${money(ctx, view.totals.storage_fees)}`);
  }
  out.push('', c.bold(`Tonight's sweep (${a.tonight.length})`));
  for (const t of a.tonight) out.push(`  #${t.order_id} ${t.action === 'cancel' ? c.red('cancel') : 'storage fee'}: ${t.why}`);
  ctx.stdout.write(`${out.join('\n')}\n`);
}
