import { toMajorNumber, type Currency } from '../core/money.js';
import type { OrderView } from '../services/orders.js';
import { write } from './write.js';

/** An order as SPEC 9 gives it to scripts: snake_case, money in the major unit. */
export function orderJson(v: OrderView, currency: Currency) {
  const m = (minor: number) => toMajorNumber(minor, currency);
  const r = v.row;
  return {
    id: r.id,
    status: r.status,
    customer: { id: r.customer_id, name: r.customer_name, phone: r.customer_phone, blacklisted: r.customer_blacklisted === 1 },
    items: v.items.map((it) => ({ description: it.description, quantity: it.quantity, unit_price: m(it.unit_price) })),
    total: m(r.total),
    deposit_required: m(r.deposit_required),
    deposit_percent: r.terms_deposit_percent,
    paid: m(v.paid),
    balance: m(v.balance),
    pickup_date: r.pickup_date,
    custom: r.custom === 1,
    needs_confirmation: r.needs_confirmation === 1,
    note: r.note,
    created_at: r.created_at,
    ready_on: r.ready_on,
    completed_on: r.completed_on,
    cancelled_on: r.cancelled_on,
    cancelled_by: r.cancelled_by,
    cancel_reason: r.cancel_reason,
    voided_on: r.voided_on,
    void_reason: r.void_reason,
    storage_fees: m(v.totals.storage_fees),
    delivery_fees: m(v.totals.delivery_fees),
    forfeited: m(v.totals.forfeited),
    refunded: m(v.totals.refunds),
    perishable: r.perishable === 1,
    fulfilment: r.fulfilment,
    delivery: r.fulfilment === 'delivery' || r.delivery_fee !== null
      ? { fee: r.delivery_fee === null ? null : m(r.delivery_fee), address: r.delivery_address, eta: r.delivery_eta, courier: r.delivery_courier, tracking: r.delivery_tracking }
      : null,
    terms: {
      deposit_percent: r.terms_deposit_percent,
      grace_days: r.terms_grace_days,
      storage_fee_per_day: m(r.terms_storage_fee_per_day),
      cancel_after_days: r.terms_cancel_after_days,
      delivery_base_fee: m(r.terms_delivery_base_fee),
      delivery_packaging_fee: m(r.terms_delivery_packaging_fee),
      delivery_after_hours_fee: m(r.terms_delivery_after_hours_fee),
      agreed_on: r.terms_agreed_on,
    },
  };
}

export function printJson(out: NodeJS.WritableStream, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * A JSON array written as its elements come, byte for byte what printJson prints for the whole
 * array, waiting for the reader when the pipe is full.
 */
export class JsonArrayWriter {
  private count = 0;

  constructor(private readonly out: NodeJS.WritableStream) {}

  async add(values: readonly unknown[]): Promise<void> {
    if (values.length === 0) return;
    // The page as an array, without its brackets: its elements indented as in the whole array.
    const body = JSON.stringify(values, null, 2).slice(2, -2);
    await write(this.out, `${this.count ? ',\n' : '[\n'}${body}`);
    this.count += values.length;
  }

  async end(): Promise<void> {
    await write(this.out, this.count ? '\n]\n' : '[]\n');
  }
}
