-- Several counters, one shop (issue 15): each night's sweep claims its day in this table, in
-- the sweep's own transaction, so whichever counter's cron fires, the day's runs are counted
-- in one row and a later run knows it is a repeat.
CREATE TABLE sweep_runs (
  day        TEXT PRIMARY KEY,              -- the shop's date the sweep ran for
  runs       INTEGER NOT NULL,
  first_at   TEXT NOT NULL,
  last_at    TEXT NOT NULL
);
