import { insertMany } from './bulk.js';
import { sql, type ExpressionBuilder } from 'kysely';
import { addDays } from '../core/dates.js';
import { inChunks } from './chunks.js';
import type { Database, DB } from './types.js';


export interface QueuedMessage {
  order_id: number;
  template: string;
  due_on: string;
  dedupe_key: string;
}

/**
 * Queues messages; one already queued (or sent) under the same key is left alone. Returns the
 * new ones. Multi-row statements on the raw connection: the sweep queues tens of thousands.
 */
export async function enqueue(db: DB, messages: readonly QueuedMessage[], queuedAt: string): Promise<QueuedMessage[]> {
  const added = new Set((await insertMany<{ dedupe_key: string }>(db, 'INSERT INTO outbox (order_id, template, due_on, dedupe_key, queued_at)', '(?, ?, ?, ?, ?)',
    messages.map((m) => [m.order_id, m.template, m.due_on, m.dedupe_key, queuedAt]), 'ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key')).map((r) => r.dedupe_key));
  return messages.filter((m) => added.has(m.dedupe_key));
}

/**
 * A queued message that should no longer go out: a reminder for a day already past (not sent
 * late), a pickup notice for an order since completed, cancelled, voided or being delivered, and
 * a reminder on the day its order's ready notice was printed (one message a day per order).
 */
function stale(eb: ExpressionBuilder<Database, 'outbox'>, today: string) {
  return eb.or([
    eb('template', '=', 'pickup-reminder').and('due_on', '<', today),
    eb('template', 'in', ['pickup-reminder', 'pickup-overdue']).and(eb.exists(
      eb.selectFrom('orders').select('orders.id').whereRef('orders.id', '=', 'outbox.order_id')
        .where((o) => o.or([o('orders.status', 'in', ['completed', 'cancelled', 'void']), o('orders.fulfilment', '=', 'delivery')])))),
    eb('template', '=', 'pickup-reminder').and(eb.exists(
      eb.selectFrom('communications as c').select('c.id').whereRef('c.order_id', '=', 'outbox.order_id')
        .where('c.template', '=', 'ready-for-pickup').where('c.created_at', '>=', today).where('c.created_at', '<', addDays(today, 1)))),
  ]);
}

export async function expireStale(db: DB, today: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'expired' })
    .where('status', '=', 'queued')
    .where((eb) => stale(eb, today))
    .execute();
}

/**
 * The next page of queued messages due by today, in (due_on, id) order after `after`: remind
 * goes through them a page at a time, so memory stays flat in their number (SPEC 12).
 */
export async function dueMessages(db: DB, today: string, after: { due_on: string; id: number } | null, limit: number) {
  let q = db.selectFrom('outbox').select(['id', 'order_id', 'template', 'due_on', 'attempts', 'last_error'])
    .where('status', '=', 'queued').where('due_on', '<=', today);
  if (after) q = q.where((eb) => eb.or([eb('due_on', '>', after.due_on), eb('due_on', '=', after.due_on).and('id', '>', after.id)]));
  return q.orderBy('due_on').orderBy('id').limit(limit).execute();
}

/**
 * Withdraws an order's waiting overdue notice: the customer got in touch, was given more
 * time, chose delivery, or the order is closed, so the date it would name is no longer true.
 */
export async function withdrawOverdue(db: DB, orderId: number): Promise<void> {
  await db.updateTable('outbox').set({ status: 'expired', last_error: 'withdrawn: the deadline moved' })
    .where('order_id', '=', orderId).where('template', '=', 'pickup-overdue').where('status', '=', 'queued').execute();
}

/** Marks queued messages sent, each with the communication that logged it: one statement for a page of them. */
export async function markSent(db: DB, sent: readonly { id: number; communicationId: number }[], sentAt: string): Promise<void> {
  await inChunks(sent, async (slice) => {
    await db.updateTable('outbox').set({
      status: 'sent', sent_at: sentAt,
      communication_id: sql<number>`CASE id ${sql.join(slice.map((s) => sql`WHEN ${s.id} THEN CAST(${s.communicationId} AS BIGINT)`), sql` `)} END`,
    }).where('id', 'in', slice.map((s) => s.id)).execute();
  });
}

export async function markFailed(db: DB, id: number, error: string): Promise<void> {
  await db.updateTable('outbox').set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error })).where('id', '=', id).execute();
}

/** Queued messages `orders remind` would print today: due, and not stale. */
export async function pendingMessages(db: DB, today: string) {
  return db.selectFrom('outbox').select(['order_id', 'template', 'dedupe_key'])
    .where('status', '=', 'queued').where('due_on', '<=', today)
    .where((eb) => eb.not(stale(eb, today)))
    .orderBy('due_on').orderBy('id').execute();
}

/** Which of these keys are already in the outbox, whatever their state. */
export async function knownKeys(db: DB, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 5000) {
    const rows = await db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'in', keys.slice(i, i + 5000)).execute();
    for (const r of rows) found.add(r.dedupe_key);
  }
  return found;
}

/** Withdraws an order's queued messages of these templates (an edit moved the date they were for). */
export async function withdrawQueued(db: DB, orderId: number, templates: readonly string[]): Promise<void> {
  await db.updateTable('outbox').set({ status: 'expired' })
    .where('order_id', '=', orderId).where('status', '=', 'queued').where('template', 'in', templates).execute();
}
