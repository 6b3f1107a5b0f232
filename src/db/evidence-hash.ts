/** The evidence chain's hashing (SPEC 12), shared by the writers, verify and the migration that chains old rows. */
export type Source = 'ledger' | 'events' | 'communications' | 'orders';
export const GENESIS = '0'.repeat(64);

/** The columns a digest covers, per source: a row's id, and what it proves. */
export const COVERED: Record<Source, readonly string[]> = {
  ledger: ['id', 'order_id', 'kind', 'amount', 'method', 'fee_date', 'note', 'created_at'],
  events: ['id', 'order_id', 'kind', 'detail', 'created_at'],
  communications: ['id', 'order_id', 'customer_id', 'direction', 'channel', 'kind', 'template', 'lang', 'text', 'created_at'],
  // an order's state changes legitimately; its latest entry must match it (status, money, frozen terms)
  orders: ['id', 'customer_id', 'status', 'total', 'deposit_required', 'pickup_date', 'cancelled_by', 'cancel_reason', 'fulfilment',
    'terms_deposit_percent', 'terms_grace_days', 'terms_storage_fee_per_day', 'terms_cancel_after_days',
    'terms_delivery_base_fee', 'terms_delivery_packaging_fee', 'terms_delivery_after_hours_fee', 'terms_agreed_on'],
};

/** Loaded on first use: importing node:crypto cost ~2 ms of every start, and most commands never hash. */
let crypto: typeof import('node:crypto') | undefined;
function sha256(text: string): string {
  crypto ??= process.getBuiltinModule('node:crypto');
  return crypto.hash('sha256', text, 'hex');
}

export function digestOf(source: Source, row: Record<string, unknown>): string {
  return sha256(JSON.stringify([source, ...COVERED[source].map((c) => row[c] ?? null)]));
}

export function linkHash(prev: string, digest: string): string {
  return sha256(prev + digest);
}

