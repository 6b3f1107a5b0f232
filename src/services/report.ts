import { addDays, daysBetween } from '../core/dates.js';
import { insights, median } from '../core/report.js';
import { complaintTimes } from '../db/complaints.js';
import { numberSetting } from '../core/settings.js';
import { cancelReasons, compensatedOrders, customerNames, emptyFigures, noShowRanking, reportFigures, type GroupBy, type PeriodFigures } from '../db/report.js';
import type { ServiceContext } from './context.js';

export interface Report {
  from: string;
  to: string;
  by: GroupBy;
  total: PeriodFigures;
  /** orders the shop compensated in the period, and of them for lateness */
  compensated: { all: number; late: number };
  periods: (PeriodFigures & { label: string })[];
  reasons: { cancelled_by: string; reason: string; count: number }[];
  ranking: { id: number; name: string; phone: string; no_shows: number }[];
  insights: string[];
  /** complaints opened in the period: still open, resolved, and the median days to resolve */
  complaints: { open: number; resolved: number; medianDays: number | null };
}

function addFigures(a: PeriodFigures, b: PeriodFigures): PeriodFigures {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(a)) {
    // counts are numbers, money sums BigInt (exact past 2^53)
    if (typeof v === 'number') out[k] = v + (b[k as keyof PeriodFigures] as number);
    else if (typeof v === 'bigint') out[k] = v + (b[k as keyof PeriodFigures] as bigint);
  }
  return out as unknown as PeriodFigures;
}

export async function report(ctx: ServiceContext, from: string, to: string, by: GroupBy): Promise<Report> {
  // Every figure is a sum or a count, so with a breakdown the totals are the periods added
  // up: one pass over the data instead of two.
  const periods = await reportFigures(ctx.db, from, to, by);
  const total = by === 'none' ? periods.pop() : periods.reduce(addFigures, emptyFigures('all'));
  const names = by === 'customer' ? await customerNames(ctx.db, periods.map((p) => Number(p.key))) : new Map<number, string>();
  const reasons = await cancelReasons(ctx.db, from, to);
  const t = total ?? emptyFigures('all');
  const stock = reasons.filter((r) => r.cancelled_by === 'shop' && /stock|stok/i.test(r.reason)).reduce((n, r) => n + Number(r.count), 0);
  const compensated = await compensatedOrders(ctx.db, from, to);
  const times = await complaintTimes(ctx.db, from, addDays(to, 1));
  const resolvedDays = times.filter((c) => c.resolved_at !== null).map((c) => daysBetween(c.opened_at.slice(0, 10), c.resolved_at!.slice(0, 10)));
  return {
    from, to, by, total: t, compensated,
    // `#N` is an order everywhere else (pesanan #4): a customer is named by the word.
    periods: periods.map((p) => ({ ...p, label: by === 'customer' ? `${names.get(Number(p.key)) ?? '?'} (customer ${p.key})` : p.key })),
    reasons: reasons.map((r) => ({ ...r, count: Number(r.count) })),
    ranking: (await noShowRanking(ctx.db, from, to, 10)).map((r) => ({ ...r, no_shows: Number(r.no_shows) })),
    complaints: { open: times.length - resolvedDays.length, resolved: resolvedDays.length, medianDays: median(resolvedDays) },
    insights: insights({ ...t, stockCancellations: stock, compensations: compensated.all, minPercent: numberSetting(ctx.settings, 'deposit.min_percent') }),
  };
}
