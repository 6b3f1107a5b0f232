/** Balances derived from ledger rows (SPEC 2): nothing here is stored. */
export type EntryKind = 'payment' | 'refund' | 'forfeit' | 'storage_fee' | 'delivery_fee' | 'compensation' | 'waiver';

export interface Totals {
  payments: number;
  refunds: number;
  forfeited: number;
  storage_fees: number;
  delivery_fees: number;
  compensation: number;
  waived: number;
}

export const EMPTY_TOTALS: Totals = {
  payments: 0, refunds: 0, forfeited: 0, storage_fees: 0, delivery_fees: 0, compensation: 0, waived: 0,
};

/** What was paid, net of refunds. */
export function paid(t: Totals): number {
  return t.payments - t.refunds;
}

/**
 * What the customer still owes; negative when the shop owes money back. A cancelled order
 * owes only what the shop keeps (the forfeit), so anything paid beyond it is owed back.
 * Compensation is money the shop gave back on purpose (a refund row and a compensation row),
 * so it lowers what is owed as much as it lowers what was paid; a waiver cancels a fee.
 */
export function balance(total: number, t: Totals, cancelled: boolean): number {
  if (cancelled) return t.forfeited - paid(t) - t.compensation;
  return total + t.storage_fees + t.delivery_fees - t.waived - t.compensation - paid(t);
}

/** What a customer cancellation keeps: what was paid, up to the required DP. */
export function forfeitOnCancel(paidNet: number, depositRequired: number): number {
  return Math.max(0, Math.min(paidNet, depositRequired));
}

export const COMPENSATION_KINDS = ['late', 'defect', 'wrong-item', 'price', 'other'] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

export interface CompensationPlan {
  refusal: 'refund-exceeds-paid' | 'no-fee' | null;
  /** the delivery fee no longer charged */
  waived: number;
  /** the part of the waived fee the customer had already paid, paid back to them */
  feeRefunded: number;
}

/**
 * What a compensation does to the money. A waived fee the customer already paid is money the
 * shop now owes, so it is paid back at once: afterwards the order owes nothing in either
 * direction that it did not owe before, apart from the fee.
 */
/** The delivery fee still charged, which `compensate --waive-delivery` can waive. */
export function waivableDeliveryFee(t: Totals): number {
  return t.delivery_fees - t.waived;
}

export function compensationPlan(t: Totals, balanceBefore: number, refund: number, waiveDelivery: boolean): CompensationPlan {
  const paidNet = paid(t);
  if (refund > paidNet) return { refusal: 'refund-exceeds-paid', waived: 0, feeRefunded: 0 };
  const waivable = waivableDeliveryFee(t);
  if (waiveDelivery && waivable <= 0) return { refusal: 'no-fee', waived: 0, feeRefunded: 0 };
  const waived = waiveDelivery ? waivable : 0;
  // The compensation refund moves paid and compensation alike, so only the waiver moves the balance.
  const after = balanceBefore - waived;
  const feeRefunded = Math.min(waived, Math.max(0, -after), Math.max(0, paidNet - refund));
  return { refusal: null, waived, feeRefunded };
}
