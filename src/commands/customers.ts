import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { formatMoney, toMajorNumber } from '../core/money.js';
import { rowFormat, writeAll } from '../output/rows.js';
import { orderJson, printJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import { CUSTOMER_SORTS, customerDetail, customers, renameCustomerTo, setCustomer, type CustomerSort, type CustomerStats } from '../services/customers.js';
import { customerRef, positiveInt, requireText } from './args.js';

const COLUMNS = ['id', 'name', 'phone', 'orders', 'completed', 'no_shows', 'customer_cancellations', 'shop_failures', 'open_balance', 'forfeited', 'blacklisted'] as const;

/** SPEC 9's customer, with money in the major unit. */
function customerJson(ctx: CommandContext, c: CustomerStats) {
  const m = (minor: number) => toMajorNumber(Number(minor), ctx.currency);
  return {
    id: c.id, name: c.name, phone: c.phone, orders: Number(c.orders), completed: Number(c.completed), no_shows: Number(c.no_shows),
    customer_cancellations: Number(c.customer_cancellations), shop_failures: Number(c.shop_failures),
    open_balance: m(c.open_balance), forfeited: m(c.forfeited), blacklisted: Number(c.blacklisted) === 1,
    salutation: c.salutation, lang: c.lang,
  };
}

/** The flags of `orders customers` (cli-commands.ts declares them). */
export interface CustomersOptions {
  sort?: string;
  limit?: string;
  format?: string;
  name?: string;
  salutation?: string;
}

export async function run(ctx: CommandContext, [sub, ref]: string[], opts: CustomersOptions): Promise<void> {
  if (sub !== undefined && sub !== 'show' && sub !== 'set') {
    throw new UsageError(`Unknown customers subcommand "${sub}"; use \`orders customers\`, \`orders customers show PHONE|ID\` or \`orders customers set PHONE|ID --name NAME | --salutation S | --lang L\`.`);
  }
  if (sub === 'show') return show(ctx, ref);
  if (sub === 'set') return set(ctx, ref, opts);
  const sort = opts.sort ?? 'no-shows';
  if (!(CUSTOMER_SORTS as string[]).includes(sort)) throw new UsageError(`Invalid --sort "${sort}": use ${CUSTOMER_SORTS.join(', ')}.`);
  const limit = opts.limit === undefined ? undefined : positiveInt(opts.limit, '--limit');
  const stats = await customers(ctx, sort as CustomerSort, limit);
  const fm = (minor: number) => formatMoney(Number(minor), ctx.currency, ctx.locale);
  const format = rowFormat(ctx, opts.format, 'table');
  // CSV cells go out as they are (neutralised against formulas instead); the rest through the escaping stdout.
  await writeAll<CustomerStats>(format === 'csv' ? ctx.data : ctx.stdout, format, {
    columns: COLUMNS,
    cells: (c) => { const r = customerJson(ctx, c); return COLUMNS.map((k) => r[k]); },
    json: (c) => customerJson(ctx, c),
    table: (page) => renderTable(
      ['id', 'name', 'phone', 'orders', 'done', 'no-shows', 'cancelled', 'shop failures', 'balance', 'forfeited', ''],
      page.map((c) => {
        const r = customerJson(ctx, c);
        return [String(r.id), r.name, r.phone, String(r.orders), String(r.completed), String(r.no_shows), String(r.customer_cancellations),
          String(r.shop_failures), fm(c.open_balance), fm(c.forfeited), r.blacklisted ? ctx.colour.red('blacklisted') : ''];
      }),
      { tty: ctx.isTTY, rightAlign: [3, 4, 5, 6, 7, 8, 9] },
    ),
  }, stats);
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

/**
 * `customers set PHONE|ID`: `--name NAME` renames (the only way a name changes: add keeps the
 * name on file; logged); `--salutation S` and `--lang L` set how their messages address them
 * (the global --lang names the customer's language here).
 */
async function set(ctx: CommandContext, ref: string | undefined, opts: CustomersOptions): Promise<void> {
  if (!ref) throw new UsageError('Say which customer: `orders customers set PHONE|ID --name NAME | --salutation pak|bu|kak|none | --lang en|id`.');
  const salutation = opts.salutation;
  const lang = ctx.langGiven ? ctx.lang : undefined;
  if (opts.name === undefined && salutation === undefined && lang === undefined) {
    throw new UsageError('Nothing to set: give --name NAME, --salutation pak|bu|kak|none and/or --lang en|id.');
  }
  const name = opts.name === undefined ? undefined : requireText(opts.name, '--name');
  const customer = customerRef(ctx, ref);
  const renamed = name === undefined ? undefined : await renameCustomerTo(ctx, customer, name);
  if (salutation === undefined && lang === undefined) {
    const r = renamed!;
    if (ctx.json) printJson(ctx.stdout, { id: r.id, phone: r.phone, name: r.after, previous_name: r.before });
    else ctx.stdout.write(`Customer ${r.id} (${r.phone}) renamed from ${JSON.stringify(r.before)} to ${JSON.stringify(r.after)}; the change is in the evidence log.\n`);
    return;
  }
  const c = customerJson(ctx, await setCustomer(ctx, customer, { salutation, lang }));
  if (ctx.json) return printJson(ctx.stdout, renamed ? { ...c, previous_name: renamed.before } : c);
  if (renamed) ctx.stdout.write(`Customer ${renamed.id} (${renamed.phone}) renamed from ${JSON.stringify(renamed.before)} to ${JSON.stringify(renamed.after)}; the change is in the evidence log.\n`);
  ctx.stdout.write(`${c.name} (${c.phone}): salutation ${c.salutation ?? `the shop's (${ctx.settings.salutation})`}, messages in ${c.lang ?? `the shop's language (${ctx.settings.lang})`}.\n`);
}
