import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { formatMoney, toMajorNumber } from '../core/money.js';
import { toCsv } from '../output/csv.js';
import { orderJson, printJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import { CUSTOMER_SORTS, customerDetail, customers, renameCustomerTo, type CustomerSort, type CustomerStats } from '../services/customers.js';
import { customerRef, positiveInt, requireText } from './args.js';

const COLUMNS = ['id', 'name', 'phone', 'orders', 'completed', 'no_shows', 'customer_cancellations', 'shop_failures', 'open_balance', 'forfeited', 'blacklisted'] as const;

/** SPEC 9's customer, with money in the major unit. */
function customerJson(ctx: CommandContext, c: CustomerStats) {
  const m = (minor: number) => toMajorNumber(Number(minor), ctx.currency);
  return {
    id: c.id, name: c.name, phone: c.phone, orders: Number(c.orders), completed: Number(c.completed), no_shows: Number(c.no_shows),
    customer_cancellations: Number(c.customer_cancellations), shop_failures: Number(c.shop_failures),
    open_balance: m(c.open_balance), forfeited: m(c.forfeited), blacklisted: Number(c.blacklisted) === 1,
  };
}

export async function run(ctx: CommandContext, [sub, ref]: string[], opts: Record<string, unknown>): Promise<void> {
  if (sub !== undefined && sub !== 'show' && sub !== 'set') throw new UsageError(`Unknown customers subcommand "${sub}"; use \`orders customers\`, \`orders customers show PHONE|ID\` or \`orders customers set PHONE|ID --name NAME\`.`);
  if (sub === 'show') return show(ctx, ref);
  if (sub === 'set') return set(ctx, ref, opts);
  const sort = (opts.sort as string | undefined) ?? 'no-shows';
  if (!(CUSTOMER_SORTS as string[]).includes(sort)) throw new UsageError(`Invalid --sort "${sort}": use ${CUSTOMER_SORTS.join(', ')}.`);
  const limit = typeof opts.limit === 'string' ? positiveInt(opts.limit, '--limit') : undefined;
  const stats = await customers(ctx, sort as CustomerSort, limit);
  const rows = stats.map((c) => customerJson(ctx, c));
  const format = ctx.json ? 'json' : (opts.format as string | undefined) ?? 'table';
  if (format === 'json') return printJson(ctx.stdout, rows);
  if (format === 'csv') return void ctx.data.write(toCsv([...COLUMNS], rows.map((r) => COLUMNS.map((k) => r[k]))));
  const fm = (minor: number) => formatMoney(Number(minor), ctx.currency, ctx.locale);
  ctx.stdout.write(renderTable(
    ['id', 'name', 'phone', 'orders', 'done', 'no-shows', 'cancelled', 'shop failures', 'balance', 'forfeited', ''],
    rows.map((r, i) => [String(r.id), r.name, r.phone, String(r.orders), String(r.completed), String(r.no_shows), String(r.customer_cancellations),
      String(r.shop_failures), fm(stats[i]!.open_balance), fm(stats[i]!.forfeited), r.blacklisted ? ctx.colour.red('blacklisted') : '']),
    { tty: ctx.isTTY, rightAlign: [3, 4, 5, 6, 7, 8, 9] },
  ));
}

async function show(ctx: CommandContext, ref: string | undefined): Promise<void> {
  if (!ref) throw new UsageError('Say which customer: `orders customers show PHONE|ID`.');
  const d = await customerDetail(ctx, customerRef(ctx, ref));
  const c = customerJson(ctx, d.stats);
  if (ctx.json) {
    printJson(ctx.stdout, { ...c, orders_list: d.orders.map((v) => orderJson(v, ctx.currency)), blacklist_history: d.blacklist });
    return;
  }
  const lines = [
    `${c.name}  ${c.phone}  (customer ${c.id})${c.blacklisted ? ctx.colour.red('  [blacklisted]') : ''}`,
    `Orders ${c.orders}, completed ${c.completed}, no-shows ${c.no_shows}, cancelled by them ${c.customer_cancellations}, shop failures ${c.shop_failures}`,
    ...d.orders.map((v) => `  #${v.row.id} ${v.row.status} pickup ${v.row.pickup_date} total ${formatMoney(v.row.total, ctx.currency, ctx.locale)} balance ${formatMoney(v.balance, ctx.currency, ctx.locale)}`),
    ...d.blacklist.map((b) => `  blacklisted ${b.added_at.slice(0, 10)}: ${b.reason}${b.lifted_at ? `; lifted ${b.lifted_at.slice(0, 10)}${b.lift_reason ? `: ${b.lift_reason}` : ''}` : ''}`),
  ];
  ctx.stdout.write(`${lines.join('\n')}\n`);
}

/** `customers set PHONE|ID --name NAME`: the only way a name changes (add keeps the name on file). */
async function set(ctx: CommandContext, ref: string | undefined, opts: Record<string, unknown>): Promise<void> {
  if (!ref) throw new UsageError('Say which customer: `orders customers set PHONE|ID --name NAME`.');
  if (opts.name === undefined) throw new UsageError('Say what to set: `orders customers set PHONE|ID --name NAME`.');
  const name = requireText(opts.name, '--name');
  const r = await renameCustomerTo(ctx, customerRef(ctx, ref), name);
  if (ctx.json) printJson(ctx.stdout, { id: r.id, phone: r.phone, name: r.after, previous_name: r.before });
  else ctx.stdout.write(`Customer ${r.id} (${r.phone}) renamed from ${JSON.stringify(r.before)} to ${JSON.stringify(r.after)}; the change is in the evidence log.\n`);
}
