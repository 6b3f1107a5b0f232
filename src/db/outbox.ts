import type { DB } from './types.js';

export interface QueuedMessage {
  order_id: number;
  template: string;
  due_on: string;
  dedupe_key: string;
}

/** Queues messages; one already queued (or sent) under the same key is left alone. Returns the new ones. */
export async function enqueue(db: DB, messages: readonly QueuedMessage[], queuedAt: string): Promise<QueuedMessage[]> {
  const added: QueuedMessage[] = [];
  for (let i = 0; i < messages.length; i += 500) {
    const batch = messages.slice(i, i + 500).map((m) => ({ ...m, queued_at: queuedAt }));
    const rows = await db.insertInto('outbox').values(batch).onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning(['order_id', 'template', 'due_on', 'dedupe_key']).execute();
    added.push(...rows);
  }
  return added;
}

/**
 * A reminder for a day already past is not sent late, and nothing is sent for an order that
 * has since been completed or cancelled (or, for pickup notices, is being delivered).
 */
export async function expireStale(db: DB, today: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'expired' })
    .where('status', '=', 'queued')
    .where((eb) => eb.or([
      eb('template', '=', 'pickup-reminder').and('due_on', '<', today),
      eb('template', 'in', ['pickup-reminder', 'pickup-overdue']).and('order_id', 'in',
        eb.selectFrom('orders').select('id').where((o) => o.or([o('status', 'in', ['completed', 'cancelled']), o('fulfilment', '=', 'delivery')]))),
    ]))
    .execute();
}

export async function dueMessages(db: DB, today: string) {
  return db.selectFrom('outbox').select(['id', 'order_id', 'template', 'due_on', 'attempts', 'last_error'])
    .where('status', '=', 'queued').where('due_on', '<=', today).orderBy('due_on').orderBy('id').execute();
}

export async function markSent(db: DB, id: number, communicationId: number, sentAt: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'sent', sent_at: sentAt, communication_id: communicationId }).where('id', '=', id).execute();
}

export async function markFailed(db: DB, id: number, error: string): Promise<void> {
  await db.updateTable('outbox').set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error })).where('id', '=', id).execute();
}
