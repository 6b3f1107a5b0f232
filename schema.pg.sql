-- The orders database on PostgreSQL, schema version 2: the same tables as schema.sql (the
-- readable source; keep the two in step, tests/unit/schema.test.ts checks it), in
-- PostgreSQL's words. Integers are BIGINT (money up to 999,999,999,999,999 minor units; `pg`
-- reads them back as numbers, src/db/postgres.ts), text compares byte by byte (COLLATE "C",
-- as SQLite does), and ids are the next after the largest, as SQLite's INTEGER PRIMARY KEY
-- gives them: a sequence would skip the ids of rolled-back work (a dry run), and both engines
-- must print the same ids. Writers hold the shop's writer lock (src/db/tx.ts), so max + 1 is safe.

CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES (2);


CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT COLLATE "C" NOT NULL
);

CREATE TABLE customers (
  id         BIGINT PRIMARY KEY,
  name       TEXT COLLATE "C" NOT NULL,
  phone      TEXT COLLATE "C" NOT NULL UNIQUE,          -- E.164
  created_at TEXT COLLATE "C" NOT NULL,
  salutation TEXT COLLATE "C" CHECK (salutation IN ('pak', 'bu', 'kak', 'none')),  -- NULL: the shop's `salutation` setting
  lang       TEXT COLLATE "C" CHECK (lang IN ('en', 'id'))                         -- NULL: the shop's `lang` setting
);

CREATE TABLE orders (
  id                 BIGINT PRIMARY KEY,
  external_ref       TEXT COLLATE "C" UNIQUE,           -- a reference from an imported list, so a re-import adds nothing
  customer_id        BIGINT NOT NULL REFERENCES customers(id),
  status             TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'confirmed', 'ready', 'completed', 'cancelled', 'void')),
  pickup_date        TEXT COLLATE "C" NOT NULL,
  total              BIGINT NOT NULL CHECK (total >= 0),
  deposit_required   BIGINT NOT NULL CHECK (deposit_required >= 0),
  custom             BIGINT NOT NULL DEFAULT 0,
  needs_confirmation BIGINT NOT NULL DEFAULT 0,
  note               TEXT COLLATE "C",
  created_at         TEXT COLLATE "C" NOT NULL,
  confirmed_on       TEXT COLLATE "C",
  ready_on           TEXT COLLATE "C",
  completed_on       TEXT COLLATE "C",
  cancelled_on       TEXT COLLATE "C",
  cancelled_by       TEXT COLLATE "C" CHECK (cancelled_by IN ('customer', 'shop', 'policy')),
  cancel_reason      TEXT COLLATE "C",
  hold_until         TEXT COLLATE "C",                  -- end of a granted extension of the free hold
  fulfilment         TEXT COLLATE "C" NOT NULL DEFAULT 'pickup' CHECK (fulfilment IN ('pickup', 'delivery')),
  delivery_eta       TEXT COLLATE "C",
  delivery_after_hours BIGINT NOT NULL DEFAULT 0,
  delivery_fee       BIGINT CHECK (delivery_fee >= 0), -- this order's own delivery fee, instead of the terms' base fee
  delivery_address   TEXT COLLATE "C",
  delivery_courier   TEXT COLLATE "C",
  delivery_tracking  TEXT COLLATE "C",                  -- the courier's tracking number (resi)
  perishable         BIGINT NOT NULL DEFAULT 0, -- catering, cakes, flowers: never a storage fee
  hold_set_on        TEXT COLLATE "C",                  -- the day the extension was granted
  -- the terms the order was taken under, frozen when it is created
  terms_deposit_percent          BIGINT NOT NULL,
  terms_grace_days               BIGINT NOT NULL,
  terms_storage_fee_per_day      BIGINT NOT NULL,
  terms_cancel_after_days        BIGINT NOT NULL,
  terms_delivery_base_fee        BIGINT NOT NULL,
  terms_delivery_packaging_fee   BIGINT NOT NULL,
  terms_delivery_after_hours_fee BIGINT NOT NULL,
  terms_agreed_on                TEXT COLLATE "C" NOT NULL,
  -- an order entered by mistake (status void): it never happened and counts nowhere
  voided_on          TEXT COLLATE "C",
  void_reason        TEXT COLLATE "C"
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
  id          BIGINT PRIMARY KEY,
  order_id    BIGINT NOT NULL REFERENCES orders(id),
  position    BIGINT NOT NULL,
  description TEXT COLLATE "C" NOT NULL,
  quantity    BIGINT NOT NULL CHECK (quantity > 0),
  unit_price  BIGINT NOT NULL CHECK (unit_price >= 0)
);
CREATE INDEX order_items_order ON order_items(order_id);

-- Money that moved or was charged. Never updated or deleted: a correction is a new row.
CREATE TABLE ledger (
  id         BIGINT PRIMARY KEY,
  order_id   BIGINT NOT NULL REFERENCES orders(id),
  kind       TEXT COLLATE "C" NOT NULL CHECK (kind IN ('payment', 'refund', 'forfeit', 'storage_fee', 'delivery_fee', 'compensation', 'waiver')),
  amount     BIGINT NOT NULL CHECK (amount >= 0),
  method     TEXT COLLATE "C",
  fee_date   TEXT COLLATE "C",                           -- the day a storage fee is for
  note       TEXT COLLATE "C",
  created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX ledger_order ON ledger(order_id);
CREATE UNIQUE INDEX ledger_storage_day ON ledger(order_id, fee_date) WHERE kind = 'storage_fee';

-- What happened to an order (status changes, overrides), for its timeline. Append-only.
CREATE TABLE events (
  id         BIGINT PRIMARY KEY,
  order_id   BIGINT NOT NULL REFERENCES orders(id),
  kind       TEXT COLLATE "C" NOT NULL,
  detail     TEXT COLLATE "C",
  created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX events_order ON events(order_id);

-- Every message and contact, as evidence. Append-only; each row's hash covers its content and
-- the previous row's hash, so an edit anywhere breaks the chain from there on.
CREATE TABLE communications (
  id          BIGINT PRIMARY KEY,
  order_id    BIGINT REFERENCES orders(id),
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  direction   TEXT COLLATE "C" NOT NULL CHECK (direction IN ('in', 'out')),
  channel     TEXT COLLATE "C" NOT NULL,
  kind        TEXT COLLATE "C" NOT NULL,                 -- message, contact, complaint, confirmation
  template    TEXT COLLATE "C",
  lang        TEXT COLLATE "C",
  text        TEXT COLLATE "C" NOT NULL,
  created_at  TEXT COLLATE "C" NOT NULL,
  prev_hash   TEXT COLLATE "C" NOT NULL,
  hash        TEXT COLLATE "C" NOT NULL
);
CREATE INDEX communications_order ON communications(order_id);

-- One evidence chain over ledger rows, order events, the communication log and the orders'
-- state (SPEC 12); src/db/evidence.ts appends to it.
CREATE TABLE evidence (
  seq    BIGINT PRIMARY KEY,                -- 1, 2, 3, ... the chain's order
  source TEXT COLLATE "C" NOT NULL CHECK (source IN ('ledger', 'events', 'communications', 'orders')),
  row_id BIGINT NOT NULL,
  digest TEXT COLLATE "C" NOT NULL,                      -- SHA-256 of the row's covered columns when chained
  hash   TEXT COLLATE "C" NOT NULL                       -- SHA-256 of the previous entry's hash and digest
);
CREATE INDEX evidence_row ON evidence(source, row_id, seq);
-- The chain's head, one row: writers lock it while they append, so the chain stays linear.
CREATE TABLE evidence_head (
  id    BIGINT PRIMARY KEY CHECK (id = 1),
  count BIGINT NOT NULL,
  hash  TEXT COLLATE "C" NOT NULL
);
INSERT INTO evidence_head (id, count, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- How a complaint (a communications row of kind 'complaint') was resolved. Append-only, like
-- the log it annotates: one resolution per complaint.
CREATE TABLE complaint_resolutions (
  id               BIGINT PRIMARY KEY,
  communication_id BIGINT NOT NULL UNIQUE REFERENCES communications(id),
  note             TEXT COLLATE "C" NOT NULL,
  resolved_at      TEXT COLLATE "C" NOT NULL
);

-- Messages waiting to be sent (printed by `orders remind`, or handed to notify.command).
-- dedupe_key makes queueing idempotent: one H-1 reminder per order and date, one overdue notice.
CREATE TABLE outbox (
  id               BIGINT PRIMARY KEY,
  order_id         BIGINT NOT NULL REFERENCES orders(id),
  template         TEXT COLLATE "C" NOT NULL,
  due_on           TEXT COLLATE "C" NOT NULL,
  dedupe_key       TEXT COLLATE "C" NOT NULL UNIQUE,
  status           TEXT COLLATE "C" NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'expired')),
  queued_at        TEXT COLLATE "C" NOT NULL,
  sent_at          TEXT COLLATE "C",
  communication_id BIGINT REFERENCES communications(id),
  attempts         BIGINT NOT NULL DEFAULT 0,
  last_error       TEXT COLLATE "C"
);
CREATE INDEX outbox_queued ON outbox(due_on) WHERE status = 'queued';
CREATE INDEX outbox_order ON outbox(order_id, template);

-- Blacklist entries keep their history: lifting one sets lifted_at, nothing is deleted.
CREATE TABLE blacklist (
  id          BIGINT PRIMARY KEY,
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  reason      TEXT COLLATE "C" NOT NULL,
  added_at    TEXT COLLATE "C" NOT NULL,
  lifted_at   TEXT COLLATE "C",
  lift_reason TEXT COLLATE "C"
);
CREATE INDEX blacklist_customer ON blacklist(customer_id);

-- Receipts (nota) printed for orders: one row per print, a reprint included, numbered by id
-- (AUTOINCREMENT: a number is never handed out twice). The printed text is in the evidence log.
CREATE TABLE receipts (
  id               BIGINT PRIMARY KEY,
  order_id         BIGINT NOT NULL REFERENCES orders(id),
  reprint_of       BIGINT REFERENCES receipts(id),
  format           TEXT COLLATE "C" NOT NULL CHECK (format IN ('text', 'pdf')),
  printed_at       TEXT COLLATE "C" NOT NULL,
  communication_id BIGINT REFERENCES communications(id)
);
CREATE INDEX receipts_order ON receipts(order_id);


-- Nightly sweeps, one row per shop day. Every counter's cron claims the day here (SPEC 13),
-- inside the sweep's write transaction, so the log says which run of the day it was; the
-- sweep itself is idempotent, and writers take turns (BEGIN IMMEDIATE; on PostgreSQL an
-- advisory lock), so a second counter's run finds nothing left to do.
CREATE TABLE sweep_runs (
  day      TEXT COLLATE "C" PRIMARY KEY,
  runs     BIGINT NOT NULL,
  first_at TEXT COLLATE "C" NOT NULL,
  last_at  TEXT COLLATE "C" NOT NULL
);

-- Each id the next after the largest (see the top of this file). The index on id answers max(id);
-- seq scans are off inside so that a table filled in one transaction, before any ANALYZE,
-- never reads itself whole per row (20,000 rows in one transaction: 11.2 s with, 0.72 s without).
-- A row that brings its id (a copy, an import with ids) does not call the function at all.
CREATE FUNCTION customers_next_id() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF NEW.id IS NULL THEN NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM customers); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER customers_next_id BEFORE INSERT ON customers FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION customers_next_id();
CREATE FUNCTION orders_next_id() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF NEW.id IS NULL THEN NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM orders); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER orders_next_id BEFORE INSERT ON orders FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION orders_next_id();
CREATE FUNCTION order_items_next_id() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF NEW.id IS NULL THEN NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM order_items); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER order_items_next_id BEFORE INSERT ON order_items FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION order_items_next_id();
CREATE FUNCTION ledger_next_id() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF NEW.id IS NULL THEN NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM ledger); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ledger_next_id BEFORE INSERT ON ledger FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION ledger_next_id();
CREATE FUNCTION events_next_id() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF NEW.id IS NULL THEN NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM events); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER events_next_id BEFORE INSERT ON events FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION events_next_id();
CREATE FUNCTION communications_next_id() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF NEW.id IS NULL THEN NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM communications); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER communications_next_id BEFORE INSERT ON communications FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION communications_next_id();
CREATE FUNCTION complaint_resolutions_next_id() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF NEW.id IS NULL THEN NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM complaint_resolutions); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER complaint_resolutions_next_id BEFORE INSERT ON complaint_resolutions FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION complaint_resolutions_next_id();
CREATE FUNCTION outbox_next_id() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF NEW.id IS NULL THEN NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM outbox); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER outbox_next_id BEFORE INSERT ON outbox FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION outbox_next_id();
CREATE FUNCTION blacklist_next_id() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF NEW.id IS NULL THEN NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM blacklist); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER blacklist_next_id BEFORE INSERT ON blacklist FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION blacklist_next_id();
CREATE FUNCTION receipts_next_id() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF NEW.id IS NULL THEN NEW.id := (SELECT coalesce(max(id), 0) + 1 FROM receipts); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER receipts_next_id BEFORE INSERT ON receipts FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION receipts_next_id();
