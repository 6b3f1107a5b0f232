-- Issue 14: one evidence chain over ledger rows, order events, the communication log and the
-- orders' state. Existing rows are chained by a code step (src/db/migration-steps.ts).
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
