import { balance, paid, type Totals } from '../core/ledger.js';
import { toMajorNumber, type Currency } from '../core/money.js';
import { streamCustomers, streamLedger, streamMessages, streamOrders, type ExportFilter } from '../db/export.js';
import type { ServiceContext } from './context.js';

/** A cell of an exported row (the same as a listing's, src/output/rows.ts). */
export type Cell = string | number | boolean | null;
export type ExportKind = 'orders' | 'customers' | 'payments' | 'messages';

export interface ExportTable {
  columns: string[];
  /** pages of rows: synchronous within a page, as the cursor under it (a promise per row cost the 1M-order export seconds) */
  rows: AsyncIterable<Cell[][]>;
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

type Raw = unknown[];

/** One orders row, from the query's columns (src/db/export.ts) to the CSV's (ORDER_COLUMNS). */
function orderCells(r: Raw, cur: Currency): Cell[] {
  const m = (minor: unknown) => toMajorNumber(Number(minor ?? 0), cur);
  const [id, ref, status, name, phone, created, pickup, itemsJson, total, dp, percent, moneyJson, ...rest] = r as [
    number, string | null, string, string, string, string, string, string, number, number, number, string | null, ...unknown[]];
  const [payments, refunded, forfeited, storage, lastFee, delivery, compensation, waived] =
    (moneyJson ? JSON.parse(moneyJson) : [0, 0, 0, 0, null, 0, 0, 0]) as [number, number, number, number, string | null, number, number, number];
  const totals: Totals = {
    payments: Number(payments ?? 0), refunds: Number(refunded ?? 0), forfeited: Number(forfeited ?? 0), storage_fees: Number(storage ?? 0),
    delivery_fees: Number(delivery ?? 0), compensation: Number(compensation ?? 0), waived: Number(waived ?? 0),
  };
  const [custom, needsConfirmation, note, confirmedOn, readyOn, completedOn, cancelledOn, cancelledBy, cancelReason, holdUntil,
    fulfilment, deliveryEta, afterHours, grace, storageFee, cancelAfter, base, packaging, afterHoursFee, agreedOn] = rest;
  return [
    id, ref, status, name, phone, created, pickup, itemsJson, m(total), m(dp), percent, m(paid(totals)), m(refunded),
    m(forfeited), m(storage), lastFee, m(delivery), m(compensation), m(waived), m(balance(total, totals, status === 'cancelled')), custom === 1, needsConfirmation === 1,
    note as string | null, confirmedOn as string | null, readyOn as string | null, completedOn as string | null,
    cancelledOn as string | null, cancelledBy as string | null, cancelReason as string | null, holdUntil as string | null,
    fulfilment as string, deliveryEta as string | null, afterHours === 1, grace as number, m(storageFee), cancelAfter as number,
    m(base), m(packaging), m(afterHoursFee), agreedOn as string,
  ];
}

async function* mapRows(source: AsyncIterable<Raw[]>, fn: (row: Raw) => Cell[]): AsyncIterable<Cell[][]> {
  for await (const page of source) yield page.map(fn);
}

export function exportTable(ctx: ServiceContext, kind: ExportKind, f: ExportFilter): ExportTable {
  const cur = ctx.currency;
  switch (kind) {
    case 'orders':
      return { columns: [...ORDER_COLUMNS], rows: mapRows(streamOrders(ctx.db, f, cur.exponent), (r) => orderCells(r, cur)) };
    case 'customers':
      return {
        columns: ['id', 'name', 'phone', 'created_at', 'orders', 'blacklisted'],
        rows: mapRows(streamCustomers(ctx.db, f), ([id, name, phone, created, orders, blacklisted]) => [id as number, name as string, phone as string, created as string, Number(orders), Boolean(blacklisted)]),
      };
    case 'payments':
      return {
        columns: ['id', 'order_id', 'customer_id', 'kind', 'amount', 'method', 'fee_date', 'note', 'created_at'],
        rows: mapRows(streamLedger(ctx.db, f), (r) => r.map((v, i) => (i === 4 ? toMajorNumber(v as number, cur) : v)) as Cell[]),
      };
    case 'messages':
      return {
        columns: ['id', 'order_id', 'customer_id', 'direction', 'channel', 'kind', 'template', 'lang', 'text', 'created_at', 'hash'],
        rows: mapRows(streamMessages(ctx.db, f), (r) => r as Cell[]),
      };
  }
}
