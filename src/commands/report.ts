import type { CommandContext } from '../context.js';
import { parseTypedDate } from '../core/typed-date.js';
import { UsageError } from '../core/errors.js';
import { formatMoney } from '../core/money.js';
import { noShowRate, percent } from '../core/report.js';
import type { GroupBy, PeriodFigures } from '../db/report.js';
import { barChart } from '../output/chart.js';
import { exactMajor, type ExactNumber } from '../output/exact-number.js';
import { writeAll } from '../output/rows.js';
import { printJson } from '../output/json.js';
import { report, type Report } from '../services/report.js';

/** SPEC 9's figures for one period; money in the major unit. */
function figuresJson(ctx: CommandContext, f: PeriodFigures) {
  const m = (minor: bigint) => exactMajor(minor, ctx.currency);
  return {
    orders: f.orders,
    completed: f.completed,
    cancelled: { customer: f.cancelled_customer, shop: f.cancelled_shop, policy: f.cancelled_policy },
    no_shows: f.no_shows,
    no_show_rate: Math.round(noShowRate(f) * 10000) / 10000,
    average_days_ready_to_pickup: f.ready_to_pickup_count ? Math.round((f.ready_to_pickup_days_total / f.ready_to_pickup_count) * 10) / 10 : null,
    deposits_collected: m(f.deposits_collected),
    deposits_forfeited: m(f.deposits_forfeited),
    refunds: m(f.refunds),
    compensation: m(f.compensation),
    storage_fees: m(f.storage_fees),
    delivery_fees: m(f.delivery_fees),
    complaints: f.complaints,
  };
}

function reportJson(ctx: CommandContext, r: Report) {
  return {
    from: r.from,
    to: r.to,
    ...figuresJson(ctx, r.total),
    complaints_open: r.complaints.open,
    complaints_resolved: r.complaints.resolved,
    median_days_to_resolve: r.complaints.medianDays,
    customer_caused: { cancellations: r.total.cancelled_customer, no_shows: r.total.no_shows },
    shop_caused: { cancellations: r.total.cancelled_shop, orders_compensated: r.compensated.all, late_deliveries_compensated: r.compensated.late },
    cancellation_reasons: r.reasons,
    no_show_ranking: r.ranking,
    insights: r.insights,
    periods: r.periods.map((p) => ({ period: p.label, ...figuresJson(ctx, p) })),
  };
}

const CSV_COLUMNS = ['period', 'orders', 'completed', 'cancelled_customer', 'cancelled_shop', 'cancelled_policy', 'no_shows', 'no_show_rate',
  'deposits_collected', 'deposits_forfeited', 'refunds', 'compensation', 'storage_fees', 'delivery_fees', 'complaints'];

function csvRow(ctx: CommandContext, label: string, f: PeriodFigures): (string | number | ExactNumber)[] {
  const j = figuresJson(ctx, f);
  return [label, j.orders, j.completed, j.cancelled.customer, j.cancelled.shop, j.cancelled.policy, j.no_shows, j.no_show_rate,
    j.deposits_collected, j.deposits_forfeited, j.refunds, j.compensation, j.storage_fees, j.delivery_fees, j.complaints];
}

function text(ctx: CommandContext, r: Report): string {
  const m = (minor: bigint) => formatMoney(minor, ctx.currency, ctx.locale);
  const t = r.total;
  const avg = t.ready_to_pickup_count ? `${Math.round((t.ready_to_pickup_days_total / t.ready_to_pickup_count) * 10) / 10} days` : 'n/a';
  const lines = [
    ctx.colour.bold(`Report ${r.from} to ${r.to}`),
    `Orders taken: ${t.orders}   completed: ${t.completed}   average ready-to-pickup: ${avg}`,
    `Customer-caused: ${t.cancelled_customer} cancellations, ${t.no_shows} no-shows (no-show rate ${percent(noShowRate(t))})`,
    `Shop-caused: ${t.cancelled_shop} cancellations, ${r.compensated.all} orders compensated (${r.compensated.late} for lateness)`,
    `Money: DP collected ${m(t.deposits_collected)}, DP forfeited ${m(t.deposits_forfeited)}, refunds ${m(t.refunds)}, compensation ${m(t.compensation)}, storage fees ${m(t.storage_fees)}, delivery fees ${m(t.delivery_fees)}`,
    `Complaints: ${t.complaints} (${r.complaints.open} open, ${r.complaints.resolved} resolved${r.complaints.medianDays === null ? '' : `, median ${r.complaints.medianDays} days to resolve`})`,
  ];
  if (r.reasons.length) lines.push('Cancellations by reason:', ...r.reasons.map((x) => `  ${x.count} by ${x.cancelled_by}: ${x.reason}`));
  if (r.ranking.length) lines.push('Customers by no-shows:', ...r.ranking.map((x) => `  ${x.no_shows}  ${x.name} (${x.phone}, customer ${x.id})`));
  if (r.periods.length) {
    lines.push(`By ${r.by}:`);
    const rows = r.periods.map((p) => ({ label: p.label, value: p.orders, note: `done ${p.completed}, no-shows ${p.no_shows}, cancelled ${p.cancelled_customer + p.cancelled_shop + p.cancelled_policy}` }));
    if (ctx.isTTY) lines.push(barChart(rows).trimEnd());
    else lines.push(...rows.map((x) => `  ${x.label}\torders ${x.value}\t${x.note}`));
  }
  lines.push('Insights:', ...r.insights.map((i) => `  - ${i}`));
  return `${lines.join('\n')}\n`;
}

/** The flags of `orders report` (cli-commands.ts declares them). */
export interface ReportOptions {
  from?: string;
  to?: string;
  by?: GroupBy;
  format?: 'text' | 'json' | 'csv';
}

export async function run(ctx: CommandContext, _args: string[], opts: ReportOptions): Promise<void> {
  const from = opts.from !== undefined ? await parseTypedDate(opts.from, ctx.today, ctx.locale, '--from date') : `${ctx.today.slice(0, 8)}01`;
  const to = opts.to !== undefined ? await parseTypedDate(opts.to, ctx.today, ctx.locale, '--to date') : ctx.today;
  if (from > to) throw new UsageError(`Invalid period: --from ${from} is after --to ${to}.`);
  const by = opts.by ?? 'none';
  const r = await report(ctx, from, to, by);
  // The report is one object in JSON and a row per period in CSV; for people it is a text.
  const format = ctx.json ? 'json' : opts.format ?? 'text';
  if (format === 'json') return printJson(ctx.stdout, reportJson(ctx, r));
  if (format === 'csv') {
    const rows = r.periods.length ? r.periods.map((p) => csvRow(ctx, p.label, p)) : [csvRow(ctx, `${from}..${to}`, r.total)];
    await writeAll(ctx.data, 'csv', { columns: CSV_COLUMNS, cells: (row: (string | number | ExactNumber)[]) => row }, rows);
    return;
  }
  ctx.stdout.write(text(ctx, r));
}

