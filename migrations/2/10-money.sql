-- Issue 12: a final status `void` for an order entered by mistake (SQLite cannot change a
-- CHECK constraint, so the table is rebuilt), with the day and the reason it was voided.
CREATE TABLE orders_new (
  id                 INTEGER PRIMARY KEY,
  external_ref       TEXT UNIQUE,
  customer_id        INTEGER NOT NULL REFERENCES customers(id),
  status             TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'ready', 'completed', 'cancelled', 'void')),
  pickup_date        TEXT NOT NULL,
  total              INTEGER NOT NULL CHECK (total >= 0),
  deposit_required   INTEGER NOT NULL CHECK (deposit_required >= 0),
  custom             INTEGER NOT NULL DEFAULT 0,
  needs_confirmation INTEGER NOT NULL DEFAULT 0,
  note               TEXT,
  created_at         TEXT NOT NULL,
  confirmed_on       TEXT,
  ready_on           TEXT,
  completed_on       TEXT,
  cancelled_on       TEXT,
  cancelled_by       TEXT CHECK (cancelled_by IN ('customer', 'shop', 'policy')),
  cancel_reason      TEXT,
  hold_until         TEXT,
  fulfilment         TEXT NOT NULL DEFAULT 'pickup' CHECK (fulfilment IN ('pickup', 'delivery')),
  delivery_eta       TEXT,
  delivery_after_hours INTEGER NOT NULL DEFAULT 0,
  terms_deposit_percent          INTEGER NOT NULL,
  terms_grace_days               INTEGER NOT NULL,
  terms_storage_fee_per_day      INTEGER NOT NULL,
  terms_cancel_after_days        INTEGER NOT NULL,
  terms_delivery_base_fee        INTEGER NOT NULL,
  terms_delivery_packaging_fee   INTEGER NOT NULL,
  terms_delivery_after_hours_fee INTEGER NOT NULL,
  terms_agreed_on                TEXT NOT NULL,
  voided_on          TEXT,
  void_reason        TEXT
);
INSERT INTO orders_new (
  id, external_ref, customer_id, status, pickup_date, total, deposit_required, custom, needs_confirmation, note,
  created_at, confirmed_on, ready_on, completed_on, cancelled_on, cancelled_by, cancel_reason, hold_until,
  fulfilment, delivery_eta, delivery_after_hours, terms_deposit_percent, terms_grace_days, terms_storage_fee_per_day,
  terms_cancel_after_days, terms_delivery_base_fee, terms_delivery_packaging_fee, terms_delivery_after_hours_fee, terms_agreed_on)
SELECT
  id, external_ref, customer_id, status, pickup_date, total, deposit_required, custom, needs_confirmation, note,
  created_at, confirmed_on, ready_on, completed_on, cancelled_on, cancelled_by, cancel_reason, hold_until,
  fulfilment, delivery_eta, delivery_after_hours, terms_deposit_percent, terms_grace_days, terms_storage_fee_per_day,
  terms_cancel_after_days, terms_delivery_base_fee, terms_delivery_packaging_fee, terms_delivery_after_hours_fee, terms_agreed_on
FROM orders;
DROP TABLE orders;
ALTER TABLE orders_new RENAME TO orders;
CREATE INDEX orders_customer ON orders(customer_id);
CREATE INDEX orders_open_pickup ON orders(pickup_date) WHERE status IN ('confirmed', 'ready');
CREATE INDEX orders_pickup ON orders(pickup_date);
CREATE INDEX orders_no_shows ON orders(customer_id) WHERE cancelled_by = 'policy' AND cancel_reason = 'no-show';
