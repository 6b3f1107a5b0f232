import type { CommandContext } from '../context.js';
import { toMajorNumber } from '../core/money.js';
import { orderJson, printJson } from '../output/json.js';
import { agenda, orderViews, type LateLine } from '../services/today.js';
import { money } from '../services/views.js';

export async function run(ctx: CommandContext): Promise<void> {
  const a = await agenda(ctx);
  if (ctx.json) {
    printJson(ctx.stdout, {
      date: a.date,
      pickups: (await orderViews(ctx, a.pickups.map((p) => p.order.id))).map((v) => orderJson(v, ctx.currency)),
      messages_due: a.messages,
      overdue: a.overdue.map(({ line, clock }) => ({
        id: line.order.id, customer: line.customer.name, phone: line.customer.phone, ready_since: clock.start,
        free_until: clock.freeThrough, cancel_on: clock.cancelOn, storage_fees: toMajorNumber(line.totals.storage_fees, ctx.currency),
        balance: toMajorNumber(line.balance, ctx.currency),
      })),
      tonight: a.tonight,
      shop_late: a.shopLate.map((l) => ({ id: l.item.id, status: l.item.status, pickup_date: l.item.due, days_late: l.days_late, compensated: l.compensated, message: messageFor(l) })),
      deliveries_late: a.deliveriesLate.map((l) => ({ id: l.item.id, eta: l.item.due, days_late: l.days_late, compensated: l.compensated, message: messageFor(l) })),
      deposits_unpaid: a.depositsUnpaid.map(({ item: o }) => ({
        id: o.id, deposit_required: toMajorNumber(o.deposit_required, ctx.currency), paid: toMajorNumber(o.paid, ctx.currency), created_on: o.created_on, message: 'deposit-reminder',
      })),
      held: a.held,
      complaints_open: a.complaintsOpen,
    });
    return;
  }
  const c = ctx.colour;
  const out: string[] = [c.bold(`Today, ${a.date}`)];
  out.push('', c.bold(`Pickups due today (${a.pickups.length})`));
  for (const { order: o, customer: who, balance } of a.pickups) {
    out.push(`  #${o.id} ${who.name} ${who.phone} [${o.status}]${o.fulfilment === 'delivery' ? ' to deliver,' : ''} to collect ${money(ctx, Math.max(0, balance))}`);
  }
  out.push('', c.bold(`Messages to send (${a.messages.length})`) + (a.messages.length ? ': run `orders remind`' : ''));
  for (const m of a.messages) out.push(`  #${m.order_id} ${m.template}`);
  out.push('', c.bold(`Overdue (${a.overdue.length})`));
  for (const { line: { order: o, customer: who, totals }, clock } of a.overdue) {
    out.push(`  #${o.id} ${who.name} ${who.phone}: ready since ${clock.start}, free until ${clock.freeThrough}, cancelled on ${clock.cancelOn} without word; fees so far ${money(ctx, totals.storage_fees)}`);
  }
  out.push('', c.bold(`Tonight's sweep (${a.tonight.length})`));
  for (const t of a.tonight) out.push(`  #${t.order_id} ${t.action === 'cancel' ? c.red('cancel') : 'storage fee'}: ${t.why}`);
  // What the shop itself is behind on, each with the command that answers it: a late order is
  // compensated, and `compensate` prints the delay-apology (which never goes out without compensation).
  const late = ': compensate, and `orders compensate` prints the apology';
  out.push('', c.bold(`The shop is late (${a.shopLate.length})`) + (a.shopLate.length ? late : ''));
  for (const l of a.shopLate) {
    const { item: o, customer: who, days_late } = l;
    out.push(`  #${o.id} ${who.name} ${who.phone} [${o.status}]: ${o.fulfilment === 'delivery' ? 'delivery' : 'pickup'} was ${o.due}, ${days_late} day(s) late; ${answer(l)}`);
  }
  out.push('', c.bold(`Deliveries late (${a.deliveriesLate.length})`) + (a.deliveriesLate.length ? late : ''));
  for (const l of a.deliveriesLate) {
    const { item: o, customer: who, days_late } = l;
    out.push(`  #${o.id} ${who.name} ${who.phone}: ETA was ${o.due}, ${days_late} day(s) late; ${answer(l)}`);
  }
  out.push('', c.bold(`DP not paid yet (${a.depositsUnpaid.length})`));
  for (const { item: o, customer: who } of a.depositsUnpaid) {
    out.push(`  #${o.id} ${who.name} ${who.phone}: DP ${money(ctx, o.deposit_required)}, paid ${money(ctx, o.paid)}, ordered ${o.created_on}; \`orders message ${o.id} deposit-reminder\``);
  }
  out.push('', c.bold(`Held for want of a warning (${a.held.length})`) + (a.held.length ? ': run `orders remind`' : ''));
  for (const h of a.held) out.push(`  #${h.order_id}: ${h.why}`);
  out.push('', c.bold(`Open complaints: ${a.complaintsOpen}`) + (a.complaintsOpen ? ' (`orders complaints`)' : ''));
  ctx.stdout.write(`${out.join('\n')}\n`);
}

/** The message that fits a late order: the deposit reminder while its DP is unpaid, else the apology `compensate` prints. */
const messageFor = (l: LateLine) => (l.deposit_unpaid ? 'deposit-reminder' : 'delay-apology');

/** The command that answers a late order: ask for the DP, compensate (which prints the apology), or nothing more once it was. */
function answer(l: LateLine): string {
  if (l.deposit_unpaid) return `the DP is not paid yet: \`orders message ${l.item.id} deposit-reminder\``;
  if (l.compensated) return `compensated already (\`orders show ${l.item.id}\`)`;
  const how = l.has_delivery_fee ? '--waive-delivery` (or --refund AMOUNT)' : '--refund AMOUNT`';
  return `\`orders compensate ${l.item.id} --kind late --reason TEXT ${how}`;
}
