import { dueOn, moveDue } from '../core/due.js';
import { itemsQuantity, itemsTotal, type Item } from '../core/items.js';
import { percentOf } from '../core/money.js';
import { numberSetting } from '../core/settings.js';
import { needsWrittenConfirmation, requiredDeposit, type DepositInput } from '../core/terms.js';
import { addEvent, replaceItems, updateOrder } from '../db/orders.js';
import { withdrawQueued } from '../db/outbox.js';
import { inWrite, type ServiceContext } from './context.js';
import { notice, type RenderedMessage } from './messages.js';
import { refuseUnless } from './orders.js';
import { loadView, lockedView, money, type OrderView } from './views.js';

export interface OrderEdit {
  items?: Item[];
  pickupDate?: string;
  deposit?: DepositInput;
  custom?: boolean;
  note?: string;
}

export interface Edited {
  view: OrderView;
  /** what changed, before -> after, as the event records it */
  changes: string[];
  /** the confirmation was withdrawn: the order is pending again */
  requoted: boolean;
  message: RenderedMessage | null;
}

const itemsText = (items: readonly Item[], fmt: (m: number) => string) =>
  items.map((it) => `${it.quantity} x ${it.description} @ ${fmt(it.unit_price)}`).join(', ');

/**
 * `orders edit`: corrects a pending or confirmed order. Its frozen terms stay; a new quote on
 * a confirmed order withdraws the confirmation until the customer confirms the new one.
 */
export async function editOrder(ctx: ServiceContext, id: number, edit: OrderEdit): Promise<Edited> {
  const fmt = (m: number) => money(ctx, m);
  const result = await inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    refuseUnless(view, 'edit', 'be edited');
    const r = view.row;
    const items = edit.items ?? view.items;
    const total = itemsTotal(items);
    const quoteChanged = edit.items !== undefined && itemsText(items, fmt) !== itemsText(view.items, fmt);
    // The DP follows the order's own percent unless a new one is agreed.
    const dp = edit.deposit
      ? requiredDeposit(total, edit.deposit, numberSetting(ctx.settings, 'deposit.min_percent'), fmt)
      : { amount: quoteChanged ? percentOf(total, r.terms_deposit_percent) : r.deposit_required, percent: r.terms_deposit_percent };
    const custom = edit.custom ?? r.custom === 1;
    const needsConfirmation = needsWrittenConfirmation(custom, total, itemsQuantity(items), ctx.settings);
    // A delivered order's date is its delivery date: the messages name it, so it moves with the edit.
    const was = dueOn(r);
    const day = edit.pickupDate !== undefined && edit.pickupDate !== was ? edit.pickupDate : null;
    const changes = [
      quoteChanged && `items ${itemsText(view.items, fmt)} -> ${itemsText(items, fmt)}`,
      total !== r.total && `total ${fmt(r.total)} -> ${fmt(total)}`,
      dp.amount !== r.deposit_required && `DP ${fmt(r.deposit_required)} -> ${fmt(dp.amount)}`,
      dp.percent !== r.terms_deposit_percent && `DP percent ${r.terms_deposit_percent}% -> ${dp.percent}%`,
      day && `${r.fulfilment === 'delivery' ? 'delivery' : 'pickup'} ${was} -> ${day}`,
      custom !== (r.custom === 1) && 'custom: no -> yes',
      edit.note !== undefined && edit.note !== r.note && `note ${JSON.stringify(r.note ?? '')} -> ${JSON.stringify(edit.note)}`,
    ].filter((c): c is string => Boolean(c));
    if (changes.length === 0) return { changes, requoted: false, message: null };
    const requoted = quoteChanged && r.status === 'confirmed';
    await updateOrder(ctx.db, id, {
      total, deposit_required: dp.amount, terms_deposit_percent: dp.percent, custom: custom ? 1 : 0, ...(day ? moveDue(r, day) : {}),
      needs_confirmation: needsConfirmation ? 1 : 0, note: edit.note ?? r.note,
      ...(requoted ? { status: 'pending', confirmed_on: null } : {}),
    });
    if (quoteChanged) await replaceItems(ctx.db, id, items);
    await addEvent(ctx.db, id, 'edited', changes.join('; '), ctx.nowIso);
    if (requoted) await addEvent(ctx.db, id, 'confirmation-withdrawn', 'the quote changed: the customer confirms the new one first', ctx.nowIso);
    // Reminders follow the new date: the next sweep or remind queues them for it.
    if (day) await withdrawQueued(ctx.db, id, ['pickup-reminder']);
    const message = quoteChanged ? await notice(ctx.db, ctx, id, 'requote', { oldTotal: r.total }) : null;
    return { changes, requoted, message };
  });
  return { view: await loadView(ctx.db, id), ...result };
}
