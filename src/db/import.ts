import type Sqlite from 'better-sqlite3';
import { detached, type ImportedOrder } from '../core/import-row.js';
import { engineOf, execute } from './engine.js';
import { chainNewRows, touch } from './evidence.js';
import { storeBatch } from './import-batch.js';
import type { SqliteEngine } from './sqlite.js';
import type { DB } from './types.js';

const SQL = {
  byId: 'SELECT o.id, c.phone, o.total, o.pickup_date FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?',
  byRef: 'SELECT o.id, c.phone, o.total, o.pickup_date FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.external_ref = ?',
  // A known phone keeps the name on file, as with `orders add`: names never change silently.
  customer: 'INSERT INTO customers (name, phone, created_at) VALUES (?, ?, ?) ON CONFLICT (phone) DO UPDATE SET name = customers.name RETURNING id',
  order: `INSERT INTO orders (id, external_ref, customer_id, status, pickup_date, total, deposit_required, custom, needs_confirmation, note,
    created_at, confirmed_on, ready_on, completed_on, cancelled_on, cancelled_by, cancel_reason, hold_until, fulfilment, delivery_eta,
    delivery_after_hours, terms_deposit_percent, terms_grace_days, terms_storage_fee_per_day, terms_cancel_after_days,
    terms_delivery_base_fee, terms_delivery_packaging_fee, terms_delivery_after_hours_fee, terms_agreed_on)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  item: 'INSERT INTO order_items (order_id, position, description, quantity, unit_price) VALUES (?, ?, ?, ?, ?)',
  ledger: 'INSERT INTO ledger (order_id, kind, amount, method, fee_date, note, created_at) VALUES (?, ?, ?, NULL, ?, ?, ?)',
  event: "INSERT INTO events (order_id, kind, detail, created_at) VALUES (?, 'imported', ?, ?)",
} as const;
type Statement = keyof typeof SQL;

/** Runs one of the import's statements, returning its rows. */
type Run = (name: Statement, params: unknown[]) => unknown[] | Promise<unknown[]>;

/**
 * Bulk insert of imported orders inside the caller's write transaction. On SQLite the
 * statements are prepared once on the raw connection: Kysely compiled each anew per row, which
 * made a million-row import many times slower. On PostgreSQL they go through the engine.
 */
export class OrderImport {
  private readonly run: Run;
  private readonly db: DB;
  private readonly batched: boolean;
  /** the last ledger and event ids before the import: rows above them are chained at the end */
  private before?: { ledger: number; events: number };
  /** phone -> [customer id, name]: a repeat customer in the file costs no upsert */
  private readonly customers = new Map<string, [number, string]>();

  constructor(db: DB) {
    const engine = engineOf(db);
    this.db = db;
    // A round trip per statement made 10,000 rows take half a minute on PostgreSQL: there the
    // rows of each chunk of the file go in a few multi-row statements.
    this.batched = engine.kind === 'postgres';
    if (engine.kind === 'sqlite') {
      const raw = (engine as SqliteEngine).raw;
      const stmts = new Map<Statement, Sqlite.Statement>();
      this.run = (name, params) => {
        let st = stmts.get(name);
        if (!st) stmts.set(name, (st = raw.prepare(SQL[name])));
        return st.reader ? st.all(...params) : (st.run(...params), []);
      };
    } else {
      this.run = (name, params) => execute(db, SQL[name], params);
    }
  }

  /**
   * Checks and writes a chunk's orders in file order; returns each one's outcome: 'new' (it was
   * added), 'present' (the same order is already here) or the reason it clashes.
   */
  async store(orders: readonly ImportedOrder[], importedAt: string, source: string): Promise<string[]> {
    await this.start();
    if (this.batched) return storeBatch(this.db, orders, importedAt, source, this.customers);
    const out: string[] = [];
    for (const o of orders) {
      const state = await this.check(o);
      if (state === 'new') await this.add(o, importedAt, source);
      out.push(state);
    }
    return out;
  }

  private async start(): Promise<void> {
    if (this.before) return;
    const last = async (t: string) => Number((await execute<{ m: number }>(this.db, `SELECT coalesce(max(id), 0) AS m FROM ${t}`, []))[0]!.m);
    this.before = { ledger: await last('ledger'), events: await last('events') };
  }

  /** Chains the rows the import added as evidence (the orders are sealed when the transaction ends). */
  async chainNew(): Promise<void> {
    await this.start();
    await chainNewRows(this.db, 'ledger', this.before!.ledger);
    await chainNewRows(this.db, 'events', this.before!.events);
  }

  /** 'new', 'present' (the same order is already here) or a reason it clashes. */
  private async check(o: ImportedOrder): Promise<'new' | 'present' | string> {
    if (o.id !== null) {
      const [found] = (await this.run('byId', [o.id])) as { phone: string; total: number; pickup_date: string }[];
      if (!found) return 'new';
      if (found.phone === o.phone && found.total === o.total && found.pickup_date === o.pickup_date) return 'present';
      return `order ${o.id} already exists with other details (${found.phone}, pickup ${found.pickup_date})`;
    }
    if (o.external_ref === null) return 'new';
    const [found] = (await this.run('byRef', [o.external_ref])) as { id: number; phone: string; total: number; pickup_date: string }[];
    if (!found) return 'new';
    if (found.phone === o.phone && found.total === o.total && found.pickup_date === o.pickup_date) return 'present';
    return `external_ref "${o.external_ref}" is already order ${found.id}, with other details (${found.phone}, pickup ${found.pickup_date})`;
  }

  async add(o: ImportedOrder, importedAt: string, source: string): Promise<{ id: number; customerId: number }> {
    const seen = this.customers.get(o.phone);
    const customerId = seen && seen[1] === o.customer_name ? seen[0]
      : ((await this.run('customer', [o.customer_name, o.phone, o.created_at])) as { id: number }[])[0]!.id;
    if (seen?.[1] !== o.customer_name) this.customers.set(o.phone, [customerId, detached(o.customer_name)]);
    const t = o.terms;
    const [{ id }] = (await this.run('order', [o.id, o.external_ref, customerId, o.status, o.pickup_date, o.total, o.deposit_required, o.custom ? 1 : 0,
      o.needs_confirmation ? 1 : 0, o.note, o.created_at, o.confirmed_on, o.ready_on, o.completed_on, o.cancelled_on, o.cancelled_by,
      o.cancel_reason, o.hold_until, o.fulfilment, o.delivery_eta, o.delivery_after_hours ? 1 : 0, o.deposit_percent, t.grace_days,
      t.storage_fee_per_day, t.cancel_after_days, t.delivery_base_fee, t.delivery_packaging_fee, t.delivery_after_hours_fee, t.agreed_on])) as [{ id: number }];
    for (const [i, it] of o.items.entries()) await this.run('item', [id, i + 1, it.description, it.quantity, it.unit_price]);
    const m = o.money;
    const rows: [string, number, string | null][] = [
      ['payment', m.payments, null], ['refund', m.refunded, null], ['forfeit', m.forfeited, null],
      ['storage_fee', m.storage_fees, o.last_fee_date], ['delivery_fee', m.delivery_fees, null],
      ['compensation', m.compensation, null], ['waiver', m.waived, null],
    ];
    for (const [kind, amount, feeDate] of rows) if (amount > 0) await this.run('ledger', [id, kind, amount, feeDate, 'imported', importedAt]);
    await this.run('event', [id, `from ${source}`, importedAt]);
    touch(this.db, [id]);
    return { id, customerId };
  }
}
