/** Report maths: rates and plain-words insights from aggregated figures. Pure. */
export interface Figures {
  orders: number;
  completed: number;
  cancelled_customer: number;
  cancelled_shop: number;
  cancelled_policy: number;
  no_shows: number;
  complaints: number;
  compensations?: number;
}

/** no-show cancellations / (completed + no-show cancellations), 0 when nothing ended. */
export function noShowRate(f: Pick<Figures, 'completed' | 'no_shows'>): number {
  const ended = f.completed + f.no_shows;
  return ended === 0 ? 0 : f.no_shows / ended;
}

export function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

export interface InsightInput extends Figures {
  stockCancellations: number;
  minPercent: number;
}

/** Plain words when a rate crosses a threshold, so the owner knows what to tighten. */
export function insights(f: InsightInput): string[] {
  const out: string[] = [];
  const rate = noShowRate(f);
  if (f.completed + f.no_shows >= 3 && rate > 0.1) {
    out.push(`The no-show rate is ${percent(rate)} (above 10%): consider raising deposit.min_percent (now ${f.minPercent}%) or the escalation for repeat no-shows.`);
  }
  const ended = f.completed + f.cancelled_customer + f.cancelled_shop + f.cancelled_policy;
  if (ended >= 5 && f.cancelled_customer / ended > 0.15) {
    out.push(`${percent(f.cancelled_customer / ended)} of finished orders were cancelled by the customer: confirm the details in writing before production, and make the DP terms clear up front.`);
  }
  if (f.stockCancellations >= 2) {
    out.push(`${f.stockCancellations} shop cancellations were for stock: confirm stock with your supplier before taking the DP.`);
  }
  const shopFailures = f.cancelled_shop + (f.compensations ?? 0);
  if (shopFailures > 0 && shopFailures >= f.cancelled_customer + f.no_shows) {
    out.push(`Shop-side failures (${shopFailures}) are as many as customer-side ones (${f.cancelled_customer + f.no_shows}): look at lead times and supplier reliability first.`);
  }
  if (f.completed >= 5 && f.complaints / f.completed > 0.1) {
    out.push(`Complaints came on ${percent(f.complaints / f.completed)} of completed orders: check quality before handing over.`);
  }
  if (out.length === 0) {
    out.push(ended < 3 ? 'Too few finished orders in this period to judge the rates yet.' : 'Rates are within the usual range; no change to the policy is suggested.');
  }
  return out;
}

/** The median of some day counts (the mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}
