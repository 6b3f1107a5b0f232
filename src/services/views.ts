import { RefusedError } from '../core/errors.js';
import type { Item } from '../core/items.js';
import { balance, paid, type Totals } from '../core/ledger.js';
import { formatMoney } from '../core/money.js';
import { getOrder, itemsOf, lockOrder, totalsOf, type OrderRow } from '../db/orders.js';
import type { DB } from '../db/types.js';
import type { ServiceContext } from './context.js';

export interface OrderView {
  row: OrderRow;
  items: Item[];
  totals: Totals;
  paid: number;
  balance: number;
}

export function money(ctx: ServiceContext, minor: number): string {
  return formatMoney(minor, ctx.currency, ctx.locale);
}

export async function viewsOf(db: DB, rows: readonly OrderRow[]): Promise<OrderView[]> {
  const ids = rows.map((r) => r.id);
  const [items, totals] = await Promise.all([itemsOf(db, ids), totalsOf(db, ids)]);
  return rows.map((row) => {
    const t = totals.get(row.id)!;
    return { row, items: items.get(row.id)!, totals: t, paid: paid(t), balance: balance(row.total, t, row.status === 'cancelled') };
  });
}

/** An order's view inside a write transaction, its row locked first (src/db/orders.ts lockOrder). */
export async function lockedView(trx: DB, id: number): Promise<OrderView> {
  await lockOrder(trx, id);
  return loadView(trx, id);
}

export async function loadView(db: DB, id: number): Promise<OrderView> {
  const row = await getOrder(db, id);
  if (!row) throw new RefusedError(`Order ${id} does not exist; \`orders list\` shows the orders.`);
  return (await viewsOf(db, [row]))[0]!;
}

