import { addDays } from '../core/dates.js';
import { RefusedError } from '../core/errors.js';
import type { Status } from '../core/lifecycle.js';
import { findCustomer, type CustomerRow } from '../db/customers.js';
import { findOrders } from '../db/orders.js';
import { inRead, type ServiceContext } from './context.js';
import { viewsOf, type OrderView } from './views.js';

export type CustomerRef = { id: number } | { phone: string };

export interface ListInput {
  statuses?: Status[];
  customer?: CustomerRef;
  pickupFrom?: string;
  pickupTo?: string;
  overdue?: boolean;
  limit?: number;
}

/** The customer a phone or id names, or the refusal that says there is none. */
export async function customerOf(db: ServiceContext['db'], ref: CustomerRef): Promise<CustomerRow> {
  const found = await findCustomer(db, ref);
  if (!found) throw new RefusedError(`No customer ${'id' in ref ? `with id ${ref.id}` : `with phone ${ref.phone}`}; \`orders customers\` lists them.`);
  return found;
}

/** Orders per page: a page's items and ledger sums are read with it, then it is printed and let go. */
const PAGE = 2000;

/**
 * The matching orders in pickup order, handed to `each` a page at a time from one snapshot of
 * the database, so any number of orders is listed in constant memory (a million took 4 GB as
 * one array, and the JSON of it was longer than a string can be).
 */
export async function listOrderPages(ctx: ServiceContext, input: ListInput, each: (page: OrderView[]) => Promise<void>): Promise<void> {
  await inRead(ctx, async (ctx) => {
    const customerId = input.customer ? (await customerOf(ctx.db, input.customer)).id : undefined;
    // Overdue: ready orders whose pickup date has passed.
    const filter = {
      statuses: input.overdue ? ['ready' as const] : input.statuses,
      customerId,
      pickupFrom: input.pickupFrom,
      pickupTo: input.overdue ? minDate(input.pickupTo, addDays(ctx.today, -1)) : input.pickupTo,
    };
    let left = input.limit ?? Infinity;
    let after: { pickupDate: string; id: number } | undefined;
    while (left > 0) {
      const want = Math.min(PAGE, left);
      const rows = await findOrders(ctx.db, { ...filter, after, limit: want });
      if (rows.length) await each(await viewsOf(ctx.db, rows));
      if (rows.length < want) return;
      left -= rows.length;
      const last = rows[rows.length - 1]!;
      after = { pickupDate: last.pickup_date, id: last.id };
    }
  });
}

export async function listOrders(ctx: ServiceContext, input: ListInput): Promise<OrderView[]> {
  const all: OrderView[] = [];
  await listOrderPages(ctx, input, async (page) => {
    all.push(...page);
  });
  return all;
}

function minDate(a: string | undefined, b: string): string {
  return a !== undefined && a < b ? a : b;
}
