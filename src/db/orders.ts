import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { dialectOf } from './dialect.js';
import type { Item } from '../core/items.js';
import { EMPTY_TOTALS, type EntryKind, type Totals } from '../core/ledger.js';
import { inChunks } from './chunks.js';
import { blacklistedExpr } from './customers.js';
import { chain, touch } from './evidence.js';
import type { DB, OrdersTable } from './types.js';

export type OrderRow = Selectable<OrdersTable> & {
  customer_name: string;
  customer_phone: string;
  customer_blacklisted: number;
  customer_salutation: string | null;
  customer_lang: string | null;
};

export async function insertOrder(db: DB, order: Insertable<OrdersTable>, items: readonly Item[]): Promise<number> {
  const { id } = await db.insertInto('orders').values(order).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('order_items')
    .values(items.map((it, i) => ({ order_id: id, position: i + 1, ...it })))
    .execute();
  touch(db, [id]);
  return id;
}

/** An edit's new items; the event of the edit keeps the old ones. */
export async function replaceItems(db: DB, orderId: number, items: readonly Item[]): Promise<void> {
  await db.deleteFrom('order_items').where('order_id', '=', orderId).execute();
  await db.insertInto('order_items').values(items.map((it, i) => ({ order_id: orderId, position: i + 1, ...it }))).execute();
}

export async function updateOrder(db: DB, id: number, changes: Updateable<OrdersTable>): Promise<void> {
  await db.updateTable('orders').set(changes).where('id', '=', id).execute();
  touch(db, [id]);
}

function selectOrders(db: DB) {
  return db.selectFrom('orders')
    .innerJoin('customers', 'customers.id', 'orders.customer_id')
    .selectAll('orders')
    .select(['customers.name as customer_name', 'customers.phone as customer_phone', blacklistedExpr.as('customer_blacklisted'),
      'customers.salutation as customer_salutation', 'customers.lang as customer_lang']);
}

/**
 * Locks an order's row until the write transaction ends, so two counters taking money for the
 * same order at once see each other's payment (PostgreSQL; on SQLite the writer holds the file).
 */
export async function lockOrder(db: DB, id: number): Promise<void> {
  if (dialectOf(db).rowLocks) await db.selectFrom('orders').select('id').where('id', '=', id).forUpdate().execute();
}

export async function getOrder(db: DB, id: number): Promise<OrderRow | undefined> {
  return selectOrders(db).where('orders.id', '=', id).executeTakeFirst();
}

export interface OrderFilter {
  statuses?: string[];
  customerId?: number;
  pickupFrom?: string;
  pickupTo?: string;
  /** only orders after this one in (pickup date, id) order: the next page */
  after?: { pickupDate: string; id: number };
  limit?: number;
}

export async function findOrders(db: DB, f: OrderFilter): Promise<OrderRow[]> {
  let q = selectOrders(db);
  // A void order was entered by mistake: listed only when asked for by its status.
  q = f.statuses?.length ? q.where('orders.status', 'in', f.statuses) : q.where('orders.status', '<>', 'void');
  if (f.customerId !== undefined) q = q.where('orders.customer_id', '=', f.customerId);
  if (f.pickupFrom) q = q.where('orders.pickup_date', '>=', f.pickupFrom);
  if (f.pickupTo) q = q.where('orders.pickup_date', '<=', f.pickupTo);
  if (f.after) q = q.where(sql<boolean>`(orders.pickup_date, orders.id) > (${f.after.pickupDate}, ${f.after.id})`);
  q = q.orderBy('orders.pickup_date').orderBy('orders.id');
  if (f.limit !== undefined) q = q.limit(f.limit);
  return q.execute();
}

export async function itemsOf(db: DB, ids: readonly number[]): Promise<Map<number, Item[]>> {
  const out = new Map<number, Item[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await inChunks(ids, (slice) => db.selectFrom('order_items')
    .select(['order_id', 'description', 'quantity', 'unit_price'])
    .where('order_id', 'in', slice).orderBy('order_id').orderBy('position').execute());
  for (const r of rows) out.get(r.order_id)!.push({ description: r.description, quantity: r.quantity, unit_price: r.unit_price });
  return out;
}

const TOTAL_KEY: Record<EntryKind, keyof Totals> = {
  payment: 'payments', refund: 'refunds', forfeit: 'forfeited', storage_fee: 'storage_fees',
  delivery_fee: 'delivery_fees', compensation: 'compensation', waiver: 'waived',
};

export async function totalsOf(db: DB, ids: readonly number[]): Promise<Map<number, Totals>> {
  const out = new Map<number, Totals>(ids.map((id) => [id, { ...EMPTY_TOTALS }]));
  if (ids.length === 0) return out;
  const rows = await inChunks(ids, (slice) => db.selectFrom('ledger')
    .select(['order_id', 'kind', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('order_id', 'in', slice).groupBy(['order_id', 'kind']).execute());
  for (const r of rows) out.get(r.order_id)![TOTAL_KEY[r.kind as EntryKind]] = Number(r.amount);
  return out;
}

export interface LedgerEntry {
  kind: EntryKind;
  amount: number;
  method?: string | null;
  fee_date?: string | null;
  note?: string | null;
}

export async function addLedger(db: DB, orderId: number, entries: readonly LedgerEntry[], createdAt: string): Promise<void> {
  const rows = entries.filter((e) => e.amount > 0).map((e) => ({
    order_id: orderId, kind: e.kind, amount: e.amount, method: e.method ?? null,
    fee_date: e.fee_date ?? null, note: e.note ?? null, created_at: createdAt,
  }));
  if (rows.length === 0) return;
  await chain(db, 'ledger', await db.insertInto('ledger').values(rows).returningAll().execute());
  touch(db, [orderId]);
}

export async function addEvent(db: DB, orderId: number, kind: string, detail: string | null, createdAt: string): Promise<void> {
  await chain(db, 'events', await db.insertInto('events').values({ order_id: orderId, kind, detail, created_at: createdAt }).returningAll().execute());
  touch(db, [orderId]);
}

export interface TimelineEntry {
  at: string;
  source: 'event' | 'communication';
  kind: string;
  detail: string | null;
  channel?: string;
  direction?: string;
}

/**
 * Events (status changes, money moved, overrides) and communications of one order, oldest
 * first; within one instant, what a command did comes before the message it printed.
 */
export async function timelineOf(db: DB, id: number): Promise<TimelineEntry[]> {
  const [events, comms] = await Promise.all([
    db.selectFrom('events').select(['kind', 'detail', 'created_at']).where('order_id', '=', id).orderBy('id').execute(),
    db.selectFrom('communications').select(['kind', 'direction', 'channel', 'template', 'text', 'created_at']).where('order_id', '=', id).orderBy('id').execute(),
  ]);
  const all: TimelineEntry[] = [
    ...events.map((e) => ({ at: e.created_at, source: 'event' as const, kind: e.kind, detail: e.detail })),
    ...comms.map((c) => ({ at: c.created_at, source: 'communication' as const, kind: c.template ?? c.kind,
      channel: c.channel, direction: c.direction, detail: c.text })),
  ];
  return all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export async function ordersByIds(db: DB, ids: readonly number[]): Promise<OrderRow[]> {
  return inChunks(ids, (slice) => selectOrders(db).where('orders.id', 'in', slice).orderBy('orders.id').execute());
}

export async function hasOrders(db: DB): Promise<boolean> {
  return (await db.selectFrom('orders').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Notes that mark ledger rows of compensation, so messages can tell what was given back and why. */
export const FEE_REFUND_NOTE = 'delivery fee refunded: ';

/** The note of an imported ledger row: dated the day of the import, not the day the money moved. */
export const IMPORTED_NOTE = 'imported';

export interface RefundFacts {
  /** the latest refund that was not compensation: what a refund notice speaks of */
  lastRefund: { amount: number; method: string | null } | null;
  /** a paid delivery fee given back with a waiver */
  feeRefunded: number;
  /** what went wrong, from the latest compensation event (its detail starts with the kind) */
  compensationKind: string | null;
}

/** Each order's refund facts, by order id, read for all of them at once. */
export async function refundFactsOf(db: DB, ids: readonly number[]): Promise<Map<number, RefundFacts>> {
  const facts = new Map<number, RefundFacts>(ids.map((id) => [id, { lastRefund: null, feeRefunded: 0, compensationKind: null }]));
  const refunds = await inChunks(ids, (slice) => db.selectFrom('ledger').select(['order_id', 'amount', 'method', 'note'])
    .where('order_id', 'in', slice).where('kind', '=', 'refund').orderBy('id').execute());
  for (const r of refunds) {
    const f = facts.get(r.order_id)!;
    const note = r.note ?? '';
    if (note.startsWith(FEE_REFUND_NOTE)) f.feeRefunded += r.amount;
    else if (!note.startsWith('compensation: ')) f.lastRefund = { amount: r.amount, method: r.method };
  }
  for (const [id, detail] of await latestOfKind(db, ids, 'events', 'compensation')) facts.get(id)!.compensationKind = detail?.split(':')[0] ?? null;
  return facts;
}

/**
 * Each order's latest entry of a kind, by order id (orders without one are absent): a
 * communication's text (kind 'complaint'), an event's detail ('alternative-offered', 'compensation').
 */
export async function latestOfKind(db: DB, ids: readonly number[], source: 'communications' | 'events', kind: string): Promise<Map<number, string | null>> {
  const column = source === 'communications' ? 'text' : 'detail';
  const rows = await inChunks(ids, (slice) => db.selectFrom(source as 'events').select(['order_id', sql<string | null>`${sql.ref(column)}`.as('value')])
    .where('order_id', 'in', slice).where('kind', '=', kind).orderBy('id').execute());
  return new Map(rows.map((r) => [r.order_id, r.value]));
}
