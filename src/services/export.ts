import { toMajorNumber, type Currency } from '../core/money.js';
import { streamCustomers, streamLedger, streamMessages, streamOrders, type ExportFilter, type OrderExportRow } from '../db/export.js';
import type { ServiceContext } from './context.js';

export type Cell = string | number | boolean | null;
export type ExportKind = 'orders' | 'customers' | 'payments' | 'messages';

export interface ExportTable {
  columns: string[];
  rows: AsyncIterable<Cell[]>;
}

/** The orders CSV columns: stable, documented in the README, and read back by import. */
export const ORDER_COLUMNS = [
  'id', 'external_ref', 'status', 'customer_name', 'phone', 'created_at', 'pickup_date', 'items', 'total', 'deposit_required',
  'deposit_percent', 'paid', 'refunded', 'forfeited', 'storage_fees', 'last_fee_date', 'delivery_fees', 'compensation', 'waived',
  'balance', 'custom', 'needs_confirmation', 'note', 'confirmed_on', 'ready_on', 'completed_on', 'cancelled_on', 'cancelled_by',
  'cancel_reason', 'hold_until', 'fulfilment', 'delivery_eta', 'delivery_after_hours', 'terms_grace_days',
  'terms_storage_fee_per_day', 'terms_cancel_after_days', 'terms_delivery_base_fee', 'terms_delivery_packaging_fee',
  'terms_delivery_after_hours_fee', 'terms_agreed_on',
] as const;

function orderCells(r: NonNullable<OrderExportRow>, cur: Currency): Cell[] {
  const m = (minor: number | null) => toMajorNumber(Number(minor ?? 0), cur);
  const n = (v: number | null) => Number(v ?? 0);
  const paid = n(r.payments) - n(r.refunded);
  const balance = r.status === 'cancelled'
    ? n(r.forfeited) - paid - n(r.compensation)
    : r.total + n(r.storage_fees) + n(r.delivery_fees) - n(r.waived) - n(r.compensation) - paid;
  const items = (JSON.parse(r.items) as [string, number, number][])
    .map(([description, quantity, price]) => ({ description, quantity, unit_price: m(price) }));
  return [
    r.id, r.external_ref, r.status, r.customer_name, r.phone, r.created_at, r.pickup_date, JSON.stringify(items), m(r.total),
    m(r.deposit_required), r.terms_deposit_percent, m(paid), m(r.refunded), m(r.forfeited), m(r.storage_fees), r.last_fee_date,
    m(r.delivery_fees), m(r.compensation), m(r.waived), m(balance), r.custom === 1, r.needs_confirmation === 1, r.note,
    r.confirmed_on, r.ready_on, r.completed_on, r.cancelled_on, r.cancelled_by, r.cancel_reason, r.hold_until, r.fulfilment,
    r.delivery_eta, r.delivery_after_hours === 1, r.terms_grace_days, m(r.terms_storage_fee_per_day), r.terms_cancel_after_days,
    m(r.terms_delivery_base_fee), m(r.terms_delivery_packaging_fee), m(r.terms_delivery_after_hours_fee), r.terms_agreed_on,
  ];
}

async function* mapRows<T>(source: AsyncIterable<T>, fn: (row: T) => Cell[]): AsyncIterable<Cell[]> {
  for await (const row of source) yield fn(row);
}

export function exportTable(ctx: ServiceContext, kind: ExportKind, f: ExportFilter): ExportTable {
  const cur = ctx.currency;
  switch (kind) {
    case 'orders':
      return { columns: [...ORDER_COLUMNS], rows: mapRows(streamOrders(ctx.db, f), (r) => orderCells(r, cur)) };
    case 'customers':
      return {
        columns: ['id', 'name', 'phone', 'created_at', 'orders', 'blacklisted'],
        rows: mapRows(streamCustomers(ctx.db, f), (r) => [r.id, r.name, r.phone, r.created_at, Number(r.orders), Boolean(r.blacklisted)]),
      };
    case 'payments':
      return {
        columns: ['id', 'order_id', 'customer_id', 'kind', 'amount', 'method', 'fee_date', 'note', 'created_at'],
        rows: mapRows(streamLedger(ctx.db, f), (r) => [r.id, r.order_id, r.customer_id, r.kind, toMajorNumber(r.amount, cur), r.method, r.fee_date, r.note, r.created_at]),
      };
    case 'messages':
      return {
        columns: ['id', 'order_id', 'customer_id', 'direction', 'channel', 'kind', 'template', 'lang', 'text', 'created_at', 'hash'],
        rows: mapRows(streamMessages(ctx.db, f), (r) => [r.id, r.order_id, r.customer_id, r.direction, r.channel, r.kind, r.template, r.lang, r.text, r.created_at, r.hash]),
      };
  }
}
