-- Speaking like the shop (SPEC 14): each customer's own salutation and language (NULL: the
-- shop's default), and the numbered receipts (nota) printed for orders.
ALTER TABLE customers ADD COLUMN salutation TEXT CHECK (salutation IN ('pak', 'bu', 'kak', 'none'));
ALTER TABLE customers ADD COLUMN lang TEXT CHECK (lang IN ('en', 'id'));

-- One row per receipt printed, a reprint included; AUTOINCREMENT so that a number is never
-- handed out twice. communication_id is the evidence log's copy of what was printed (set
-- once it is logged: the text carries the number).
CREATE TABLE receipts (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id         INTEGER NOT NULL REFERENCES orders(id),
  reprint_of       INTEGER REFERENCES receipts(id),
  format           TEXT NOT NULL CHECK (format IN ('text', 'pdf')),
  printed_at       TEXT NOT NULL,
  communication_id INTEGER REFERENCES communications(id)
);
CREATE INDEX receipts_order ON receipts(order_id);
