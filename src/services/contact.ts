import { appendCommunications } from '../db/communications.js';
import { addEvent } from '../db/orders.js';
import { withdrawOverdue } from '../db/outbox.js';
import { inWrite, type ServiceContext } from './context.js';
import { notice, type RenderedMessage } from './messages.js';
import { loadView, lockedView, type OrderView } from './views.js';

export interface ContactInput {
  direction: 'in' | 'out';
  via: string;
  complaint: boolean;
  text: string;
}

/**
 * Logs a call, chat, visit or e-mail as evidence. An inbound contact moves the no-show clock
 * (SPEC 1); an inbound complaint gets its acknowledgement printed and logged.
 */
export async function logContact(ctx: ServiceContext, id: number, input: ContactInput): Promise<{ view: OrderView; ack: RenderedMessage | null }> {
  const ack = await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    await appendCommunications(ctx.db, [{
      order_id: id, customer_id: view.row.customer_id, direction: input.direction, channel: input.via,
      kind: input.complaint ? 'complaint' : 'contact', text: input.text, created_at: ctx.nowIso,
    }]);
    // The customer got in touch: the deadline moves, so a waiting notice would name a stale date.
    if (input.direction === 'in') await withdrawOverdue(ctx.db, id);
    if (input.complaint) await addEvent(ctx.db, id, 'complaint', `via ${input.via}`, ctx.nowIso);
    return input.complaint && input.direction === 'in' ? notice(ctx.db, ctx, id, 'complaint-ack') : null;
  });
  // The order itself: an inbound contact moves its no-show deadline.
  return { view: await loadView(ctx.db, id), ack };
}
