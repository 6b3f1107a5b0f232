-- Issue 13, fair deadlines and an honest agenda (SPEC 11).
-- Perishable goods never pay storage; an order may be delivered from the start, at a fee of
-- its own, and its courier and tracking number are kept.
ALTER TABLE orders ADD COLUMN perishable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN delivery_fee INTEGER CHECK (delivery_fee >= 0);
ALTER TABLE orders ADD COLUMN delivery_address TEXT;
ALTER TABLE orders ADD COLUMN delivery_courier TEXT;
ALTER TABLE orders ADD COLUMN delivery_tracking TEXT;
-- The day the current extension was granted: an overdue notice sent before it named a stale date.
ALTER TABLE orders ADD COLUMN hold_set_on TEXT;
UPDATE orders SET hold_set_on = (SELECT MAX(substr(e.created_at, 1, 10)) FROM events e WHERE e.order_id = orders.id AND e.kind = 'extension')
  WHERE hold_until IS NOT NULL;
-- What the shop is late with (`orders today`): unfinished orders past their date.
CREATE INDEX orders_unfinished ON orders(pickup_date) WHERE status IN ('pending', 'confirmed');

-- How a complaint (a communications row of kind 'complaint') was resolved. Append-only, like
-- the log it annotates: one resolution per complaint.
CREATE TABLE complaint_resolutions (
  id               INTEGER PRIMARY KEY,
  communication_id INTEGER NOT NULL UNIQUE REFERENCES communications(id),
  note             TEXT NOT NULL,
  resolved_at      TEXT NOT NULL
);
