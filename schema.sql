-- The orders database, schema version 2. This file is the source of truth: a new database is
-- created from it, and src/db/types.ts describes the same tables for Kysely.
-- Money columns are INTEGER counts of the currency's minor unit. Dates are 'YYYY-MM-DD' in the
-- shop's time zone; times are ISO 8601 text with the shop's offset.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE customers (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  phone      TEXT NOT NULL UNIQUE,          -- E.164
  created_at TEXT NOT NULL,
  salutation TEXT CHECK (salutation IN ('pak', 'bu', 'kak', 'none')),  -- NULL: the shop's `salutation` setting
  lang       TEXT CHECK (lang IN ('en', 'id'))                         -- NULL: the shop's `lang` setting
);

CREATE TABLE orders (
  id                 INTEGER PRIMARY KEY,
  external_ref       TEXT UNIQUE,           -- a reference from an imported list, so a re-import adds nothing
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
  hold_until         TEXT,                  -- end of a granted extension of the free hold
  fulfilment         TEXT NOT NULL DEFAULT 'pickup' CHECK (fulfilment IN ('pickup', 'delivery')),
  delivery_eta       TEXT,
  delivery_after_hours INTEGER NOT NULL DEFAULT 0,
  delivery_fee       INTEGER CHECK (delivery_fee >= 0), -- this order's own delivery fee, instead of the terms' base fee
  delivery_address   TEXT,
  delivery_courier   TEXT,
  delivery_tracking  TEXT,                  -- the courier's tracking number (resi)
  perishable         INTEGER NOT NULL DEFAULT 0, -- catering, cakes, flowers: never a storage fee
  hold_set_on        TEXT,                  -- the day the extension was granted
  -- the terms the order was taken under, frozen when it is created
  terms_deposit_percent          INTEGER NOT NULL,
  terms_grace_days               INTEGER NOT NULL,
  terms_storage_fee_per_day      INTEGER NOT NULL,
  terms_cancel_after_days        INTEGER NOT NULL,
  terms_delivery_base_fee        INTEGER NOT NULL,
  terms_delivery_packaging_fee   INTEGER NOT NULL,
  terms_delivery_after_hours_fee INTEGER NOT NULL,
  terms_agreed_on                TEXT NOT NULL,
  -- an order entered by mistake (status void): it never happened and counts nowhere
  voided_on          TEXT,
  void_reason        TEXT
);
CREATE INDEX orders_customer ON orders(customer_id);
-- The sweep and the reminders read only open orders; a partial index keeps them cheap to find.
CREATE INDEX orders_open_pickup ON orders(pickup_date) WHERE status IN ('confirmed', 'ready');
CREATE INDEX orders_pickup ON orders(pickup_date);
-- What the shop is late with (`orders today`): unfinished orders past their date.
CREATE INDEX orders_unfinished ON orders(pickup_date) WHERE status IN ('pending', 'confirmed');
-- A customer's no-shows (the rising DP, blacklist proposals) without reading all their orders.
CREATE INDEX orders_no_shows ON orders(customer_id) WHERE cancelled_by = 'policy' AND cancel_reason = 'no-show';

CREATE TABLE order_items (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES orders(id),
  position    INTEGER NOT NULL,
  description TEXT NOT NULL,
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  unit_price  INTEGER NOT NULL CHECK (unit_price >= 0)
);
CREATE INDEX order_items_order ON order_items(order_id);

-- Money that moved or was charged. Never updated or deleted: a correction is a new row.
CREATE TABLE ledger (
  id         INTEGER PRIMARY KEY,
  order_id   INTEGER NOT NULL REFERENCES orders(id),
  kind       TEXT NOT NULL CHECK (kind IN ('payment', 'refund', 'forfeit', 'storage_fee', 'delivery_fee', 'compensation', 'waiver')),
  amount     INTEGER NOT NULL CHECK (amount >= 0),
  method     TEXT,
  fee_date   TEXT,                           -- the day a storage fee is for
  note       TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX ledger_order ON ledger(order_id);
CREATE UNIQUE INDEX ledger_storage_day ON ledger(order_id, fee_date) WHERE kind = 'storage_fee';

-- What happened to an order (status changes, overrides), for its timeline. Append-only.
CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  order_id   INTEGER NOT NULL REFERENCES orders(id),
  kind       TEXT NOT NULL,
  detail     TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX events_order ON events(order_id);

-- Every message and contact, as evidence. Append-only; each row's hash covers its content and
-- the previous row's hash, so an edit anywhere breaks the chain from there on.
CREATE TABLE communications (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER REFERENCES orders(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  channel     TEXT NOT NULL,
  kind        TEXT NOT NULL,                 -- message, contact, complaint, confirmation
  template    TEXT,
  lang        TEXT,
  text        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX communications_order ON communications(order_id);

-- One evidence chain over ledger rows, order events, the communication log and the orders'
-- state (SPEC 12); src/db/evidence.ts appends to it.
CREATE TABLE evidence (
  seq    INTEGER PRIMARY KEY,                -- 1, 2, 3, ... the chain's order
  source TEXT NOT NULL CHECK (source IN ('ledger', 'events', 'communications', 'orders')),
  row_id INTEGER NOT NULL,
  digest TEXT NOT NULL,                      -- SHA-256 of the row's covered columns when chained
  hash   TEXT NOT NULL                       -- SHA-256 of the previous entry's hash and digest
);
CREATE INDEX evidence_row ON evidence(source, row_id, seq);
-- The chain's head, one row: writers lock it while they append, so the chain stays linear.
CREATE TABLE evidence_head (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  count INTEGER NOT NULL,
  hash  TEXT NOT NULL
);
INSERT INTO evidence_head (id, count, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- How a complaint (a communications row of kind 'complaint') was resolved. Append-only, like
-- the log it annotates: one resolution per complaint.
CREATE TABLE complaint_resolutions (
  id               INTEGER PRIMARY KEY,
  communication_id INTEGER NOT NULL UNIQUE REFERENCES communications(id),
  note             TEXT NOT NULL,
  resolved_at      TEXT NOT NULL
);

-- Messages waiting to be sent (printed by `orders remind`, or handed to notify.command).
-- dedupe_key makes queueing idempotent: one H-1 reminder per order and date, one overdue notice.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  order_id         INTEGER NOT NULL REFERENCES orders(id),
  template         TEXT NOT NULL,
  due_on           TEXT NOT NULL,
  dedupe_key       TEXT NOT NULL UNIQUE,
  status           TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'expired')),
  queued_at        TEXT NOT NULL,
  sent_at          TEXT,
  communication_id INTEGER REFERENCES communications(id),
  attempts         INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT
);
CREATE INDEX outbox_queued ON outbox(due_on) WHERE status = 'queued';
CREATE INDEX outbox_order ON outbox(order_id, template);

-- Blacklist entries keep their history: lifting one sets lifted_at, nothing is deleted.
CREATE TABLE blacklist (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  reason      TEXT NOT NULL,
  added_at    TEXT NOT NULL,
  lifted_at   TEXT,
  lift_reason TEXT
);
CREATE INDEX blacklist_customer ON blacklist(customer_id);

-- Receipts (nota) printed for orders: one row per print, a reprint included, numbered by id
-- (AUTOINCREMENT: a number is never handed out twice). The printed text is in the evidence log.
CREATE TABLE receipts (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id         INTEGER NOT NULL REFERENCES orders(id),
  reprint_of       INTEGER REFERENCES receipts(id),
  format           TEXT NOT NULL CHECK (format IN ('text', 'pdf')),
  printed_at       TEXT NOT NULL,
  communication_id INTEGER REFERENCES communications(id)
);
CREATE INDEX receipts_order ON receipts(order_id);

-- Nightly sweeps, one row per shop day. Every counter's cron claims the day here (SPEC 13),
-- inside the sweep's write transaction, so the log says which run of the day it was; the
-- sweep itself is idempotent, and writers take turns (BEGIN IMMEDIATE; on PostgreSQL an
-- advisory lock), so a second counter's run finds nothing left to do.
CREATE TABLE sweep_runs (
  day      TEXT PRIMARY KEY,
  runs     INTEGER NOT NULL,
  first_at TEXT NOT NULL,
  last_at  TEXT NOT NULL
);
