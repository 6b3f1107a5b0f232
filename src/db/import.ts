import type Sqlite from 'better-sqlite3';
import { detached, type ImportedOrder } from '../core/import-row.js';
import { chainNewRows, forgetTouched, sealTouched, touch } from './evidence.js';
import { rawHandle } from './open.js';
import type { DB } from './types.js';

/**
 * Bulk insert of imported orders on the raw connection with prepared statements, inside one
 * BEGIN IMMEDIATE transaction that the caller ends with finish(commit). Kysely compiled each
 * statement anew per row, which made a million-row import many times slower.
 */
export class OrderImport {
  private readonly raw: Sqlite.Database;
  /** the last ledger and event ids before the import: rows above them are chained at commit */
  private readonly before: { ledger: number; events: number };
  private readonly stmts;
  /** phone -> [customer id, name]: a repeat customer in the file costs no upsert */
  private readonly customers = new Map<string, [number, string]>();

  constructor(private readonly db: DB) {
    this.raw = rawHandle(db);
    const p = (s: string) => this.raw.prepare(s);
    this.stmts = {
      byId: p('SELECT o.id, c.phone, o.total, o.pickup_date FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?'),
      byRef: p('SELECT o.id, c.phone, o.total, o.pickup_date FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.external_ref = ?'),
      // A known phone keeps the name on file, as with `orders add`: names never change silently.
      customer: p('INSERT INTO customers (name, phone, created_at) VALUES (?, ?, ?) ON CONFLICT (phone) DO UPDATE SET name = name RETURNING id'),
      order: p(`INSERT INTO orders (id, external_ref, customer_id, status, pickup_date, total, deposit_required, custom, needs_confirmation, note,
        created_at, confirmed_on, ready_on, completed_on, cancelled_on, cancelled_by, cancel_reason, hold_until, fulfilment, delivery_eta,
        delivery_after_hours, terms_deposit_percent, terms_grace_days, terms_storage_fee_per_day, terms_cancel_after_days,
        terms_delivery_base_fee, terms_delivery_packaging_fee, terms_delivery_after_hours_fee, terms_agreed_on)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      item: p('INSERT INTO order_items (order_id, position, description, quantity, unit_price) VALUES (?, ?, ?, ?, ?)'),
      ledger: p('INSERT INTO ledger (order_id, kind, amount, method, fee_date, note, created_at) VALUES (?, ?, ?, NULL, ?, ?, ?)'),
      event: p("INSERT INTO events (order_id, kind, detail, created_at) VALUES (?, 'imported', ?, ?)"),
    };
    this.raw.exec('BEGIN IMMEDIATE');
    const last = (t: string) => (this.raw.prepare(`SELECT coalesce(max(id), 0) AS m FROM ${t}`).get() as { m: number }).m;
    this.before = { ledger: last('ledger'), events: last('events') };
  }

  /** 'new', 'present' (the same order is already here) or a reason it clashes. */
  check(o: ImportedOrder): 'new' | 'present' | string {
    if (o.id !== null) {
      const found = this.stmts.byId.get(o.id) as { phone: string; total: number; pickup_date: string } | undefined;
      if (!found) return 'new';
      if (found.phone === o.phone && found.total === o.total && found.pickup_date === o.pickup_date) return 'present';
      return `order ${o.id} already exists with other details (${found.phone}, pickup ${found.pickup_date})`;
    }
    if (o.external_ref === null) return 'new';
    const found = this.stmts.byRef.get(o.external_ref) as { id: number; phone: string; total: number; pickup_date: string } | undefined;
    if (!found) return 'new';
    if (found.phone === o.phone && found.total === o.total && found.pickup_date === o.pickup_date) return 'present';
    return `external_ref "${o.external_ref}" is already order ${found.id}, with other details (${found.phone}, pickup ${found.pickup_date})`;
  }

  add(o: ImportedOrder, importedAt: string, source: string): { id: number; customerId: number } {
    const s = this.stmts;
    const seen = this.customers.get(o.phone);
    const customerId = seen && seen[1] === o.customer_name ? seen[0] : (s.customer.get(o.customer_name, o.phone, o.created_at) as { id: number }).id;
    if (seen?.[1] !== o.customer_name) this.customers.set(o.phone, [customerId, detached(o.customer_name)]);
    const t = o.terms;
    const { lastInsertRowid } = s.order.run(o.id, o.external_ref, customerId, o.status, o.pickup_date, o.total, o.deposit_required, o.custom ? 1 : 0,
      o.needs_confirmation ? 1 : 0, o.note, o.created_at, o.confirmed_on, o.ready_on, o.completed_on, o.cancelled_on, o.cancelled_by,
      o.cancel_reason, o.hold_until, o.fulfilment, o.delivery_eta, o.delivery_after_hours ? 1 : 0, o.deposit_percent, t.grace_days,
      t.storage_fee_per_day, t.cancel_after_days, t.delivery_base_fee, t.delivery_packaging_fee, t.delivery_after_hours_fee, t.agreed_on);
    const id = Number(lastInsertRowid);
    o.items.forEach((it, i) => s.item.run(id, i + 1, it.description, it.quantity, it.unit_price));
    const m = o.money;
    const rows: [string, number, string | null][] = [
      ['payment', m.payments, null], ['refund', m.refunded, null], ['forfeit', m.forfeited, null],
      ['storage_fee', m.storage_fees, o.last_fee_date], ['delivery_fee', m.delivery_fees, null],
      ['compensation', m.compensation, null], ['waiver', m.waived, null],
    ];
    for (const [kind, amount, feeDate] of rows) if (amount > 0) s.ledger.run(id, kind, amount, feeDate, 'imported', importedAt);
    s.event.run(id, `from ${source}`, importedAt);
    touch(this.db, [id]);
    return { id, customerId };
  }

  /** Commits (after chaining the new rows and orders as evidence) or rolls back. */
  async finish(commit: boolean): Promise<void> {
    if (commit) {
      try {
        await chainNewRows(this.db, 'ledger', this.before.ledger);
        await chainNewRows(this.db, 'events', this.before.events);
        await sealTouched(this.db);
      } catch (err) {
        this.raw.exec('ROLLBACK');
        throw err;
      }
    } else forgetTouched(this.db);
    this.raw.exec(commit ? 'COMMIT' : 'ROLLBACK');
  }
}
