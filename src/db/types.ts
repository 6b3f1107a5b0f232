import type { Generated, Kysely } from 'kysely';

/** The tables of schema.sql, as Kysely sees them. Keep in step with schema.sql. */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface CustomersTable {
  id: Generated<number>;
  name: string;
  phone: string;
  created_at: string;
  salutation: string | null;
  lang: string | null;
}

export interface OrdersTable {
  id: Generated<number>;
  external_ref: string | null;
  customer_id: number;
  status: string;
  pickup_date: string;
  total: number;
  deposit_required: number;
  custom: number;
  needs_confirmation: number;
  note: string | null;
  created_at: string;
  confirmed_on: string | null;
  ready_on: string | null;
  completed_on: string | null;
  cancelled_on: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  hold_until: string | null;
  fulfilment: Generated<string>;
  delivery_eta: string | null;
  delivery_after_hours: Generated<number>;
  delivery_fee: number | null;
  delivery_address: string | null;
  delivery_courier: string | null;
  delivery_tracking: string | null;
  perishable: Generated<number>;
  hold_set_on: string | null;
  terms_deposit_percent: number;
  terms_grace_days: number;
  terms_storage_fee_per_day: number;
  terms_cancel_after_days: number;
  terms_delivery_base_fee: number;
  terms_delivery_packaging_fee: number;
  terms_delivery_after_hours_fee: number;
  terms_agreed_on: string;
  voided_on: string | null;
  void_reason: string | null;
}

export interface OrderItemsTable {
  id: Generated<number>;
  order_id: number;
  position: number;
  description: string;
  quantity: number;
  unit_price: number;
}

export interface LedgerTable {
  id: Generated<number>;
  order_id: number;
  kind: string;
  amount: number;
  method: string | null;
  fee_date: string | null;
  note: string | null;
  created_at: string;
}

export interface EventsTable {
  id: Generated<number>;
  order_id: number;
  kind: string;
  detail: string | null;
  created_at: string;
}

export interface CommunicationsTable {
  id: Generated<number>;
  order_id: number | null;
  customer_id: number;
  direction: string;
  channel: string;
  kind: string;
  template: string | null;
  lang: string | null;
  text: string;
  created_at: string;
  prev_hash: string;
  hash: string;
}

export interface ComplaintResolutionsTable {
  id: Generated<number>;
  communication_id: number;
  note: string;
  resolved_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  order_id: number;
  template: string;
  due_on: string;
  dedupe_key: string;
  status: Generated<string>;
  queued_at: string;
  sent_at: string | null;
  communication_id: number | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface BlacklistTable {
  id: Generated<number>;
  customer_id: number;
  reason: string;
  added_at: string;
  lifted_at: string | null;
  lift_reason: string | null;
}

export interface ReceiptsTable {
  id: Generated<number>;
  order_id: number;
  reprint_of: number | null;
  format: 'text' | 'pdf';
  printed_at: string;
  communication_id: number | null;
}

export interface EvidenceTable {
  seq: number;
  source: 'ledger' | 'events' | 'communications' | 'orders';
  row_id: number;
  digest: string;
  hash: string;
}

export interface EvidenceHeadTable {
  id: number;
  count: number;
  hash: string;
}

export interface SweepRunsTable {
  day: string;
  runs: number;
  first_at: string;
  last_at: string;
}

export interface Database {
  sweep_runs: SweepRunsTable;
  settings: SettingsTable;
  customers: CustomersTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  ledger: LedgerTable;
  events: EventsTable;
  communications: CommunicationsTable;
  complaint_resolutions: ComplaintResolutionsTable;
  blacklist: BlacklistTable;
  outbox: OutboxTable;
  receipts: ReceiptsTable;
  evidence: EvidenceTable;
  evidence_head: EvidenceHeadTable;
}

export type DB = Kysely<Database>;
