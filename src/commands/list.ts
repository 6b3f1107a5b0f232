import type { CommandContext } from '../context.js';
import { parseDateInput } from '../core/dates.js';
import { formatMoney, toMajorNumber } from '../core/money.js';
import { JsonArrayWriter, orderJson } from '../output/json.js';
import { write } from '../output/write.js';
import { listOrderPages, type ListInput } from '../services/list.js';
import { customerRef, positiveInt, statuses } from './args.js';

export async function run(ctx: CommandContext, _args: string[], opts: Record<string, unknown>): Promise<void> {
  const date = (v: unknown, what: string) => (typeof v === 'string' ? parseDateInput(v, ctx.today, what) : undefined);
  const input: ListInput = {
    statuses: typeof opts.status === 'string' ? statuses(opts.status) : undefined,
    customer: typeof opts.customer === 'string' ? customerRef(ctx, opts.customer) : undefined,
    pickupFrom: date(opts.pickupFrom, '--pickup-from date'),
    pickupTo: date(opts.pickupTo, '--pickup-to date'),
    overdue: Boolean(opts.overdue),
    limit: typeof opts.limit === 'string' ? positiveInt(opts.limit, '--limit') : undefined,
  };
  const format = ctx.json ? 'json' : (opts.format as string | undefined) ?? 'table';
  // Each page is printed as it is read, so a shop of any size is listed in constant memory.
  if (format === 'json') {
    const out = new JsonArrayWriter(ctx.stdout);
    await listOrderPages(ctx, input, (page) => out.add(page.map((v) => orderJson(v, ctx.currency))));
    await out.end();
    return;
  }
  if (format === 'csv') {
    const m = (minor: number) => toMajorNumber(minor, ctx.currency);
    // The CSV and table libraries load only for their own format: JSON for scripts skips both.
    const { csvRecord } = await import('../output/csv.js');
    // The header goes out with the first page, so a refused listing (unknown customer) prints nothing.
    let header = csvRecord(['id', 'status', 'customer_name', 'phone', 'pickup_date', 'total', 'deposit_required', 'paid', 'balance', 'items']);
    await listOrderPages(ctx, input, async (page) => {
      await write(ctx.data, header + page.map((v) => csvRecord([v.row.id, v.row.status, v.row.customer_name, v.row.customer_phone, v.row.pickup_date,
        m(v.row.total), m(v.row.deposit_required), m(v.paid), m(v.balance),
        v.items.map((it) => `${it.quantity} x ${it.description}`).join('; ')], true)).join(''));
      header = '';
    });
    if (header) ctx.data.write(header);
    return;
  }
  const [{ renderTable }, { statusColour }] = await Promise.all([import('../output/table.js'), import('../output/colour.js')]);
  const fm = (minor: number) => formatMoney(minor, ctx.currency, ctx.locale);
  let shown = 0;
  // On a terminal each page is its own table (its widths fitted to its rows); elsewhere the header comes once.
  await listOrderPages(ctx, input, async (page) => {
    await write(ctx.stdout, renderTable(
      ['id', 'status', 'customer', 'phone', 'pickup', 'total', 'paid', 'balance'],
      page.map((v) => [String(v.row.id), statusColour(ctx.colour, v.row.status), v.row.customer_name, v.row.customer_phone,
        v.row.pickup_date, fm(v.row.total), fm(v.paid), fm(v.balance)]),
      { tty: ctx.isTTY, rightAlign: [5, 6, 7], plainHeader: shown === 0 },
    ));
    shown += page.length;
  });
  if (shown === 0) ctx.stderr.write('No orders match.\n');
}
