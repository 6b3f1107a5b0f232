import { detached, type ImportedOrder } from '../core/import-row.js';
import { query } from './engine.js';
import { chainNewRows, touch } from './evidence.js';
import type { DB } from './types.js';

const BY_ID = 'SELECT o.id, c.phone, o.total, o.pickup_date FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?';
const BY_REF = 'SELECT o.id, c.phone, o.total, o.pickup_date FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.external_ref = ?';
// A known phone keeps the name on file, as with `orders add`: names never change silently.
const CUSTOMER = 'INSERT INTO customers (name, phone, created_at) VALUES (?, ?, ?) ON CONFLICT (phone) DO UPDATE SET name = customers.name RETURNING id';
const ORDER = `INSERT INTO orders (id, external_ref, customer_id, status, pickup_date, total, deposit_required, custom, needs_confirmation, note,
  created_at, confirmed_on, ready_on, completed_on, cancelled_on, cancelled_by, cancel_reason, hold_until, fulfilment, delivery_eta,
  delivery_after_hours, terms_deposit_percent, terms_grace_days, terms_storage_fee_per_day, terms_cancel_after_days,
  terms_delivery_base_fee, terms_delivery_packaging_fee, terms_delivery_after_hours_fee, terms_agreed_on)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`;
const ITEM = 'INSERT INTO order_items (order_id, position, description, quantity, unit_price) VALUES (?, ?, ?, ?, ?)';
const LEDGER = 'INSERT INTO ledger (order_id, kind, amount, method, fee_date, note, created_at) VALUES (?, ?, ?, NULL, ?, ?, ?)';
const EVENT = "INSERT INTO events (order_id, kind, detail, created_at) VALUES (?, 'imported', ?, ?)";

type Found = { id: number; phone: string; total: number; pickup_date: string };

/**
 * Bulk insert of imported orders with statements written once (src/db/engine.ts), inside the
 * caller's write transaction. Kysely compiled each statement anew per row, which made a
 * million-row import many times slower on SQLite.
 */
export class OrderImport {
  /** the last ledger and event ids before the import: rows above them are chained at the end */
  private before = { ledger: 0, events: 0 };
  /** phone -> [customer id, name]: a repeat customer in the file costs no upsert */
  private readonly customers = new Map<string, [number, string]>();

  constructor(private readonly db: DB) {}

  async start(): Promise<void> {
    const last = async (t: string) => Number((await query<{ m: number }>(this.db, `SELECT coalesce(max(id), 0) AS m FROM ${t}`))[0]!.m);
    this.before = { ledger: await last('ledger'), events: await last('events') };
  }

  /** 'new', 'present' (the same order is already here) or a reason it clashes. */
  async check(o: ImportedOrder): Promise<'new' | 'present' | string> {
    if (o.id !== null) {
      const [found] = await query<Found>(this.db, BY_ID, [o.id]);
      if (!found) return 'new';
      if (found.phone === o.phone && found.total === o.total && found.pickup_date === o.pickup_date) return 'present';
      return `order ${o.id} already exists with other details (${found.phone}, pickup ${found.pickup_date})`;
    }
    if (o.external_ref === null) return 'new';
    const [found] = await query<Found>(this.db, BY_REF, [o.external_ref]);
    if (!found) return 'new';
    if (found.phone === o.phone && found.total === o.total && found.pickup_date === o.pickup_date) return 'present';
    return `external_ref "${o.external_ref}" is already order ${found.id}, with other details (${found.phone}, pickup ${found.pickup_date})`;
  }

  async add(o: ImportedOrder, importedAt: string, source: string): Promise<{ id: number; customerId: number }> {
    const db = this.db;
    const seen = this.customers.get(o.phone);
    const customerId = seen && seen[1] === o.customer_name ? seen[0] : (await query<{ id: number }>(db, CUSTOMER, [o.customer_name, o.phone, o.created_at]))[0]!.id;
    if (seen?.[1] !== o.customer_name) this.customers.set(o.phone, [customerId, detached(o.customer_name)]);
    const t = o.terms;
    const [{ id }] = (await query<{ id: number }>(db, ORDER, [o.id, o.external_ref, customerId, o.status, o.pickup_date, o.total, o.deposit_required, o.custom ? 1 : 0,
      o.needs_confirmation ? 1 : 0, o.note, o.created_at, o.confirmed_on, o.ready_on, o.completed_on, o.cancelled_on, o.cancelled_by,
      o.cancel_reason, o.hold_until, o.fulfilment, o.delivery_eta, o.delivery_after_hours ? 1 : 0, o.deposit_percent, t.grace_days,
      t.storage_fee_per_day, t.cancel_after_days, t.delivery_base_fee, t.delivery_packaging_fee, t.delivery_after_hours_fee, t.agreed_on])) as [{ id: number }];
    for (const [i, it] of o.items.entries()) await query(db, ITEM, [id, i + 1, it.description, it.quantity, it.unit_price]);
    const m = o.money;
    const rows: [string, number, string | null][] = [
      ['payment', m.payments, null], ['refund', m.refunded, null], ['forfeit', m.forfeited, null],
      ['storage_fee', m.storage_fees, o.last_fee_date], ['delivery_fee', m.delivery_fees, null],
      ['compensation', m.compensation, null], ['waiver', m.waived, null],
    ];
    for (const [kind, amount, feeDate] of rows) if (amount > 0) await query(db, LEDGER, [id, kind, amount, feeDate, 'imported', importedAt]);
    await query(db, EVENT, [id, `from ${source}`, importedAt]);
    touch(db, [id]);
    return { id, customerId };
  }

  /** Chains the new ledger rows and events as evidence; the transaction then chains the orders. */
  async seal(): Promise<void> {
    await chainNewRows(this.db, 'ledger', this.before.ledger);
    await chainNewRows(this.db, 'events', this.before.events);
  }
}
