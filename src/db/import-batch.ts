import { detached, type ImportedOrder } from '../core/import-row.js';
import { insertMany } from './bulk.js';
import { execute } from './engine.js';
import { touch } from './evidence.js';
import type { DB } from './types.js';

const ORDER_COLUMNS = `id, external_ref, customer_id, status, pickup_date, total, deposit_required, custom, needs_confirmation, note,
  created_at, confirmed_on, ready_on, completed_on, cancelled_on, cancelled_by, cancel_reason, hold_until, fulfilment, delivery_eta,
  delivery_after_hours, terms_deposit_percent, terms_grace_days, terms_storage_fee_per_day, terms_cancel_after_days,
  terms_delivery_base_fee, terms_delivery_packaging_fee, terms_delivery_after_hours_fee, terms_agreed_on`;

/**
 * The import's writes for a chunk of rows in a few multi-row statements (PostgreSQL, where each
 * statement is a round trip), with the outcomes a row-by-row import would give: rows are
 * checked in file order against the database and against the rows before them in this import.
 * `customers` maps phone -> [id, name] across chunks, as the row-by-row path does.
 */
export async function storeBatch(
  db: DB, orders: readonly ImportedOrder[], importedAt: string, source: string, customers: Map<string, [number, string]>,
): Promise<string[]> {
  if (orders.length === 0) return [];
  const ids = orders.flatMap((o) => (o.id === null ? [] : [o.id]));
  const refs = orders.flatMap((o) => (o.id === null && o.external_ref !== null ? [o.external_ref] : []));
  const byId = new Map<number, { phone: string; total: number; pickup_date: string }>();
  for (let i = 0; i < ids.length; i += 5000) {
    const slice = ids.slice(i, i + 5000);
    const rows = await execute<{ id: number; phone: string; total: number; pickup_date: string }>(db,
      `SELECT o.id, c.phone, o.total, o.pickup_date FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id IN (${slice.map(() => '?').join(', ')})`, slice);
    for (const r of rows) byId.set(r.id, r);
  }
  const byRef = new Map<string, { id: number | null; phone: string; total: number; pickup_date: string }>();
  for (let i = 0; i < refs.length; i += 5000) {
    const slice = refs.slice(i, i + 5000);
    const rows = await execute<{ id: number; external_ref: string; phone: string; total: number; pickup_date: string }>(db,
      `SELECT o.id, o.external_ref, c.phone, o.total, o.pickup_date FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.external_ref IN (${slice.map(() => '?').join(', ')})`, slice);
    for (const r of rows) byRef.set(r.external_ref, r);
  }

  const states: string[] = [];
  const added: ImportedOrder[] = [];
  for (const o of orders) {
    let state = 'new';
    if (o.id !== null) {
      const found = byId.get(o.id);
      if (found) {
        state = found.phone === o.phone && found.total === o.total && found.pickup_date === o.pickup_date
          ? 'present' : `order ${o.id} already exists with other details (${found.phone}, pickup ${found.pickup_date})`;
      }
    } else if (o.external_ref !== null) {
      const found = byRef.get(o.external_ref);
      if (found) {
        state = found.phone === o.phone && found.total === o.total && found.pickup_date === o.pickup_date
          ? 'present' : `external_ref "${o.external_ref}" is already order ${found.id}, with other details (${found.phone}, pickup ${found.pickup_date})`;
      }
    }
    states.push(state);
    if (state !== 'new') continue;
    added.push(o);
    if (o.id !== null) byId.set(o.id, { phone: o.phone, total: o.total, pickup_date: o.pickup_date });
    if (o.external_ref !== null) byRef.set(o.external_ref, { id: o.id, phone: o.phone, total: o.total, pickup_date: o.pickup_date });
  }

  // Customers: one upsert per phone not yet seen in this import; a known phone keeps its name on file.
  const upserts = new Map<string, { name: string; created_at: string }>();
  for (const o of added) {
    const seen = customers.get(o.phone);
    const pending = upserts.get(o.phone);
    if (pending) pending.name = o.customer_name;
    else if (!seen || seen[1] !== o.customer_name) upserts.set(o.phone, { name: o.customer_name, created_at: o.created_at });
  }
  const got = await insertMany<{ id: number; phone: string }>(db, 'INSERT INTO customers (name, phone, created_at)', '(?, ?, ?)',
    [...upserts].map(([phone, c]) => [c.name, phone, c.created_at]), 'ON CONFLICT (phone) DO UPDATE SET name = customers.name RETURNING id, phone');
  for (const r of got) customers.set(r.phone, [r.id, detached(upserts.get(r.phone)!.name)]);

  // Orders: ids come back in the order of the VALUES rows (the largest plus one, row by row).
  const orderIds = (await insertMany<{ id: number }>(db, `INSERT INTO orders (${ORDER_COLUMNS})`, `(${Array(29).fill('?').join(', ')})`, added.map((o) => {
    const t = o.terms;
    return [o.id, o.external_ref, customers.get(o.phone)![0], o.status, o.pickup_date, o.total, o.deposit_required, o.custom ? 1 : 0,
      o.needs_confirmation ? 1 : 0, o.note, o.created_at, o.confirmed_on, o.ready_on, o.completed_on, o.cancelled_on, o.cancelled_by,
      o.cancel_reason, o.hold_until, o.fulfilment, o.delivery_eta, o.delivery_after_hours ? 1 : 0, o.deposit_percent, t.grace_days,
      t.storage_fee_per_day, t.cancel_after_days, t.delivery_base_fee, t.delivery_packaging_fee, t.delivery_after_hours_fee, t.agreed_on];
  }), 'RETURNING id')).map((r) => r.id);

  await insertMany(db, 'INSERT INTO order_items (order_id, position, description, quantity, unit_price)', '(?, ?, ?, ?, ?)', (function* () {
    for (const [k, o] of added.entries()) for (const [i, it] of o.items.entries()) yield [orderIds[k], i + 1, it.description, it.quantity, it.unit_price];
  })());
  await insertMany(db, 'INSERT INTO ledger (order_id, kind, amount, method, fee_date, note, created_at)', "(?, ?, ?, NULL, ?, 'imported', ?)", (function* () {
    for (const [k, o] of added.entries()) {
      const m = o.money;
      const rows: [string, number, string | null][] = [
        ['payment', m.payments, null], ['refund', m.refunded, null], ['forfeit', m.forfeited, null],
        ['storage_fee', m.storage_fees, o.last_fee_date], ['delivery_fee', m.delivery_fees, null],
        ['compensation', m.compensation, null], ['waiver', m.waived, null],
      ];
      for (const [kind, amount, feeDate] of rows) if (amount > 0) yield [orderIds[k], kind, amount, feeDate, importedAt];
    }
  })());
  await insertMany(db, 'INSERT INTO events (order_id, kind, detail, created_at)', "(?, 'imported', ?, ?)", orderIds.map((id) => [id, `from ${source}`, importedAt]));
  touch(db, orderIds);
  return states;
}
