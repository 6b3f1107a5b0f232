import type { CommandContext } from '../context.js';
import { parseTypedDate } from '../core/typed-date.js';
import { formatMoney, toMajorNumber } from '../core/money.js';
import { orderJson } from '../output/json.js';
import { rowFormat, RowWriter, type RowShape } from '../output/rows.js';
import { listOrderPages, type ListInput } from '../services/list.js';
import type { OrderView } from '../services/views.js';
import { customerRef, positiveInt, statuses } from './args.js';

/** The flags of `orders list` (cli-commands.ts declares them). */
export interface ListOptions {
  status?: string;
  customer?: string;
  pickupFrom?: string;
  pickupTo?: string;
  overdue?: boolean;
  limit?: string;
  format?: string;
}

async function shape(ctx: CommandContext, table: boolean): Promise<RowShape<OrderView>> {
  const m = (minor: number) => toMajorNumber(minor, ctx.currency);
  const base: RowShape<OrderView> = {
    columns: ['id', 'status', 'customer_name', 'phone', 'pickup_date', 'total', 'deposit_required', 'paid', 'balance', 'items'],
    cells: (v) => [v.row.id, v.row.status, v.row.customer_name, v.row.customer_phone, v.row.pickup_date,
      m(v.row.total), m(v.row.deposit_required), m(v.paid), m(v.balance), v.items.map((it) => `${it.quantity} x ${it.description}`).join('; ')],
    json: (v) => orderJson(v, ctx.currency),
  };
  if (!table) return base;
  // The table and colour libraries load only for people: JSON for scripts skips both.
  const [{ renderTable }, { statusColour }] = await Promise.all([import('../output/table.js'), import('../output/colour.js')]);
  const fm = (minor: number) => formatMoney(minor, ctx.currency, ctx.locale);
  // On a terminal each page is its own table (its widths fitted to its rows); elsewhere the header comes once.
  return {
    ...base,
    table: (page, first) => renderTable(
      ['id', 'status', 'customer', 'phone', 'pickup', 'total', 'paid', 'balance'],
      page.map((v) => [String(v.row.id), statusColour(ctx.colour, v.row.status), v.row.customer_name, v.row.customer_phone,
        v.row.pickup_date, fm(v.row.total), fm(v.paid), fm(v.balance)]),
      { tty: ctx.isTTY, rightAlign: [5, 6, 7], plainHeader: first },
    ),
  };
}

export async function run(ctx: CommandContext, _args: string[], opts: ListOptions): Promise<void> {
  const date = async (v: string | undefined, what: string) => (v === undefined ? undefined : parseTypedDate(v, ctx.today, ctx.locale, what));
  const input: ListInput = {
    statuses: opts.status === undefined ? undefined : statuses(opts.status),
    customer: opts.customer === undefined ? undefined : customerRef(ctx, opts.customer),
    pickupFrom: await date(opts.pickupFrom, '--pickup-from date'),
    pickupTo: await date(opts.pickupTo, '--pickup-to date'),
    overdue: Boolean(opts.overdue),
    limit: opts.limit === undefined ? undefined : positiveInt(opts.limit, '--limit'),
  };
  const format = rowFormat(ctx, opts.format, 'table');
  const out = new RowWriter(format === 'csv' ? ctx.data : ctx.stdout, format, await shape(ctx, format === 'table'));
  // Each page is printed as it is read, so a shop of any size is listed in constant memory;
  // a refused listing (unknown customer) fails before the first page and prints nothing.
  await listOrderPages(ctx, input, (page) => out.add(page));
  if (format === 'table') {
    if ((await out.end()) === 0) ctx.stderr.write('No orders match.\n');
    return;
  }
  await out.end();
}
