import { RefusedError } from '../core/errors.js';
import { activeEntry, addBlacklistEntries, blacklistEntries, liftEntry } from '../db/blacklist.js';
import { customerStats, type CustomerSort, type CustomerStats } from '../db/customer-stats.js';

export { CUSTOMER_SORTS, type CustomerSort, type CustomerStats } from '../db/customer-stats.js';
import { appendCommunications } from '../db/communications.js';
import { renameCustomer, searchCustomers, setCustomerVoice } from '../db/customers.js';
import { inWrite, type ServiceContext } from './context.js';
import { customerOf, listOrders, type CustomerRef } from './list.js';
import type { OrderView } from './views.js';

export async function customers(ctx: ServiceContext, sort: CustomerSort, limit?: number): Promise<CustomerStats[]> {
  return customerStats(ctx.db, { sort, limit });
}

export interface CustomerDetail {
  stats: CustomerStats;
  orders: OrderView[];
  blacklist: Awaited<ReturnType<typeof blacklistEntries>>;
}

export async function customerDetail(ctx: ServiceContext, ref: CustomerRef): Promise<CustomerDetail> {
  const c = await customerOf(ctx.db, ref);
  const [stats] = await customerStats(ctx.db, { sort: 'orders', customerId: c.id });
  return { stats: stats!, orders: await listOrders(ctx, { customer: { id: c.id } }), blacklist: await blacklistEntries(ctx.db, { all: true, customerId: c.id }) };
}

/** The name and phone of the customer a blacklist command is about, for its confirmation. */
export async function describeCustomer(ctx: ServiceContext, ref: CustomerRef): Promise<{ id: number; name: string; phone: string }> {
  return customerOf(ctx.db, ref);
}

export async function blacklistAdd(ctx: ServiceContext, ref: CustomerRef, reason: string) {
  return inWrite(ctx, async (ctx) => {
    const c = await customerOf(ctx.db, ref);
    const current = await activeEntry(ctx.db, c.id);
    if (current) throw new RefusedError(`${c.name} (${c.phone}) is already blacklisted since ${current.added_at.slice(0, 10)}: ${current.reason}.`);
    await addBlacklistEntries(ctx.db, [{ customer_id: c.id, reason }], ctx.nowIso);
    return (await blacklistEntries(ctx.db, { all: false, customerId: c.id }))[0]!;
  });
}

export async function blacklistRemove(ctx: ServiceContext, ref: CustomerRef, reason: string | null) {
  return inWrite(ctx, async (ctx) => {
    const c = await customerOf(ctx.db, ref);
    const current = await activeEntry(ctx.db, c.id);
    if (!current) throw new RefusedError(`${c.name} (${c.phone}) is not blacklisted.`);
    await liftEntry(ctx.db, current.id, ctx.nowIso, reason);
    return (await blacklistEntries(ctx.db, { all: true, customerId: c.id })).find((e) => e.id === current.id)!;
  });
}

export async function blacklistList(ctx: ServiceContext, all: boolean) {
  return blacklistEntries(ctx.db, { all });
}

/**
 * Renames a customer (every order shows the new name), logged in the evidence log as an
 * internal note: events belong to one order, and the log's hash chain keeps a rename from
 * being hidden afterwards.
 */
export async function renameCustomerTo(ctx: ServiceContext, ref: CustomerRef, name: string): Promise<{ id: number; phone: string; before: string; after: string }> {
  return inWrite(ctx, async (ctx) => {
    const c = await customerOf(ctx.db, ref);
    if (c.name === name) throw new RefusedError(`${c.phone} is already named "${name}"; nothing was changed.`);
    await renameCustomer(ctx.db, c.id, name);
    await appendCommunications(ctx.db, [{
      order_id: null, customer_id: c.id, direction: 'out', channel: 'internal', kind: 'note',
      text: `customer renamed: "${c.name}" -> "${name}"`, created_at: ctx.nowIso,
    }]);
    return { id: c.id, phone: c.phone, before: c.name, after: name };
  });
}

export async function findCustomers(ctx: ServiceContext, term: string) {
  return searchCustomers(ctx.db, term, 10);
}

/** `customers set`: the customer's own salutation and message language. */
export async function setCustomer(ctx: ServiceContext, ref: CustomerRef, voice: { salutation?: string; lang?: string }): Promise<CustomerStats> {
  return inWrite(ctx, async (ctx) => {
    const c = await customerOf(ctx.db, ref);
    await setCustomerVoice(ctx.db, c.id, voice);
    return (await customerStats(ctx.db, { sort: 'orders', customerId: c.id }))[0]!;
  });
}
