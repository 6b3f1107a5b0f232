import { addDays } from '../core/dates.js';
import { RefusedError } from '../core/errors.js';
import type { Status } from '../core/lifecycle.js';
import { findCustomer, type CustomerRow } from '../db/customers.js';
import { findOrders } from '../db/orders.js';
import type { ServiceContext } from './context.js';
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

export async function listOrders(ctx: ServiceContext, input: ListInput): Promise<OrderView[]> {
  const customerId = input.customer ? (await customerOf(ctx.db, input.customer)).id : undefined;
  // Overdue: ready orders whose pickup date has passed.
  const rows = await findOrders(ctx.db, {
    statuses: input.overdue ? ['ready'] : input.statuses,
    customerId,
    pickupFrom: input.pickupFrom,
    pickupTo: input.overdue ? minDate(input.pickupTo, addDays(ctx.today, -1)) : input.pickupTo,
    limit: input.limit,
  });
  return viewsOf(ctx.db, rows);
}

function minDate(a: string | undefined, b: string): string {
  return a !== undefined && a < b ? a : b;
}
