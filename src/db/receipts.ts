import type { DB } from './types.js';

export interface Payment {
  kind: 'payment' | 'refund';
  amount: number;
  method: string | null;
  created_at: string;
}

/** Money in and out of an order, oldest first, for its receipt. */
export async function paymentsOf(db: DB, orderId: number): Promise<Payment[]> {
  const rows = await db.selectFrom('ledger').select(['kind', 'amount', 'method', 'created_at'])
    .where('order_id', '=', orderId).where('kind', 'in', ['payment', 'refund']).orderBy('id').execute();
  return rows as Payment[];
}

/** The number of the order's latest receipt, which a reprint names. */
export async function lastReceiptOf(db: DB, orderId: number): Promise<number | null> {
  const row = await db.selectFrom('receipts').select('id').where('order_id', '=', orderId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

/** Takes the next receipt number (never one handed out before, AUTOINCREMENT). */
export async function takeReceiptNumber(db: DB, r: { order_id: number; reprint_of: number | null; format: 'text' | 'pdf'; printed_at: string }): Promise<number> {
  const row = await db.insertInto('receipts').values(r).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function linkReceiptEvidence(db: DB, receipt: number, communicationId: number): Promise<void> {
  await db.updateTable('receipts').set({ communication_id: communicationId }).where('id', '=', receipt).execute();
}
