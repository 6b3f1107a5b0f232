-- Several counters, one shop (SPEC 13): the claim each night's sweep makes (see schema.sql).
CREATE TABLE sweep_runs (
  day      TEXT PRIMARY KEY,
  runs     INTEGER NOT NULL,
  first_at TEXT NOT NULL,
  last_at  TEXT NOT NULL
);
