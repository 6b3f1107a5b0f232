import type { CommandContext } from '../context.js';
import { dueOn } from '../core/due.js';
import { formatMoney } from '../core/money.js';
import type { OrderView } from '../services/orders.js';
import type { TimelineEntry } from '../db/orders.js';
import { statusColour } from './colour.js';

/** An order for the owner to read: items, money, terms, and (for show) its timeline. */
export function orderText(ctx: CommandContext, v: OrderView): string {
  const m = (minor: number) => formatMoney(minor, ctx.currency, ctx.locale);
  const c = ctx.colour;
  const r = v.row;
  const lines = [
    c.bold(`Order ${r.id}`) + `  ${statusColour(c, r.status)}${r.custom ? '  (custom)' : ''}${r.perishable ? '  (perishable)' : ''}`,
    `Customer:  ${r.customer_name}  ${r.customer_phone}${r.customer_blacklisted ? c.red('  [blacklisted]') : ''}`,
    r.fulfilment === 'delivery' ? `Delivery:  ${dueOn(r)}${r.delivery_address ? ` to ${r.delivery_address}` : ''}` : `Pickup:    ${r.pickup_date}`,
    'Items:',
    ...v.items.map((it) => `  ${it.quantity} x ${it.description} @ ${m(it.unit_price)} = ${m(it.quantity * it.unit_price)}`),
    `Total:     ${m(r.total)}`,
    `DP:        ${m(r.deposit_required)} (${r.terms_deposit_percent}%)`,
    `Paid:      ${m(v.paid)}`,
  ];
  if (v.totals.storage_fees) lines.push(`Storage:   ${m(v.totals.storage_fees)}`);
  if (v.totals.delivery_fees) lines.push(`Delivery:  ${m(v.totals.delivery_fees)}`);
  if (v.totals.forfeited) lines.push(`Forfeited: ${m(v.totals.forfeited)}`);
  if (v.totals.refunds) lines.push(`Refunded:  ${m(v.totals.refunds)}`);
  lines.push(v.balance < 0 ? `Owed back: ${c.yellow(m(-v.balance))}` : `Balance:   ${m(v.balance)}`);
  if (r.status === 'cancelled') lines.push(`Cancelled: ${r.cancelled_on} by ${r.cancelled_by}: ${r.cancel_reason}`);
  if (r.status === 'void') lines.push(`Void:      ${r.voided_on}: ${r.void_reason} (entered by mistake; counts nowhere)`);
  if (r.needs_confirmation && r.status === 'pending') lines.push(c.yellow('Needs the customer\'s written confirmation before production.'));
  if (r.delivery_courier || r.delivery_tracking) lines.push(`Sent:      ${[r.delivery_courier, r.delivery_tracking && `tracking (resi) ${r.delivery_tracking}`].filter(Boolean).join(', ')}`);
  if (r.note) lines.push(`Note:      ${r.note}`);
  return `${lines.join('\n')}\n`;
}

/** How the order leaves the shop, for the owner's one-line summaries: "pickup on DATE" or "delivery on DATE to ADDRESS". */
export function handover(r: Pick<OrderView['row'], 'fulfilment' | 'pickup_date' | 'delivery_eta' | 'delivery_address'>): string {
  if (r.fulfilment !== 'delivery') return `pickup on ${r.pickup_date}`;
  return `delivery on ${dueOn(r)}${r.delivery_address ? ` to ${r.delivery_address}` : ''}`;
}

/** The frozen terms, quoted with the day they were agreed. */
export function termsText(ctx: CommandContext, v: OrderView): string {
  const m = (minor: number) => formatMoney(minor, ctx.currency, ctx.locale);
  const r = v.row;
  return [
    `Terms agreed on ${r.terms_agreed_on}:`,
    `  DP ${r.terms_deposit_percent}% (${m(r.deposit_required)}); work starts once it is paid.`,
    ...(r.fulfilment === 'delivery' ? ['  Delivered: no pickup hold, no storage fee, never cancelled as a no-show.'] : [
      r.perishable
        ? `  Free hold ${r.terms_grace_days} day(s) after the pickup date; perishable: no storage fee.`
        : `  Free hold ${r.terms_grace_days} day(s) after the pickup date, then ${m(r.terms_storage_fee_per_day)} storage per day.`,
      `  Not picked up ${r.terms_cancel_after_days} day(s) after the pickup date without word from the customer: cancelled, DP forfeited.`,
    ]),
    `  Delivery: ${m(r.delivery_fee ?? r.terms_delivery_base_fee)} + packaging ${m(r.terms_delivery_packaging_fee)} (+ ${m(r.terms_delivery_after_hours_fee)} outside working hours).`,
  ].join('\n') + '\n';
}

export function timelineText(entries: readonly TimelineEntry[]): string {
  if (entries.length === 0) return '';
  const line = (e: TimelineEntry): string => {
    if (e.source === 'communication') {
      return `${e.direction === 'in' ? 'from customer' : 'to customer'} via ${e.channel} [${e.kind}]: ${e.detail!.split('\n')[0]}`;
    }
    return `${e.kind}${e.detail ? `: ${e.detail}` : ''}`;
  };
  return ['Timeline:', ...entries.map((e) => `  ${e.at.slice(0, 16).replace('T', ' ')}  ${line(e)}`)].join('\n') + '\n';
}
