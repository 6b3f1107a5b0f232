-- The aggregates `orders report --by month` runs (src/db/report.ts; the totals are the months added up), for the sqlite3 shell.
.parameter init
.parameter set :from "'2025-01-01'"
.parameter set :to "'2026-11-25'"
SELECT substr(substr(o.created_at, 1, 10), 1, 7) AS key, COUNT(*), SUM(MIN(COALESCE((SELECT SUM(l.amount) FROM ledger l WHERE l.order_id = o.id AND l.kind = 'payment'), 0), o.deposit_required)) FROM orders o WHERE substr(o.created_at, 1, 10) BETWEEN :from AND :to GROUP BY key;
SELECT substr(o.completed_on, 1, 7) AS key, COUNT(*), SUM(CASE WHEN o.ready_on IS NOT NULL THEN julianday(o.completed_on) - julianday(o.ready_on) ELSE 0 END), SUM(o.ready_on IS NOT NULL) FROM orders o WHERE o.status = 'completed' AND o.completed_on BETWEEN :from AND :to GROUP BY key;
SELECT substr(o.cancelled_on, 1, 7) AS key, SUM(o.cancelled_by = 'customer'), SUM(o.cancelled_by = 'shop'), SUM(o.cancelled_by = 'policy'), SUM(o.cancelled_by = 'policy' AND o.cancel_reason = 'no-show') FROM orders o WHERE o.status = 'cancelled' AND o.cancelled_on BETWEEN :from AND :to GROUP BY key;
SELECT substr(substr(l.created_at, 1, 10), 1, 7) AS key, SUM(CASE l.kind WHEN 'forfeit' THEN l.amount ELSE 0 END), SUM(CASE l.kind WHEN 'refund' THEN l.amount ELSE 0 END), SUM(CASE WHEN l.kind IN ('compensation', 'waiver') THEN l.amount ELSE 0 END), SUM(CASE l.kind WHEN 'storage_fee' THEN l.amount ELSE 0 END), SUM(CASE l.kind WHEN 'delivery_fee' THEN l.amount WHEN 'waiver' THEN -l.amount ELSE 0 END) FROM ledger l JOIN orders o ON o.id = l.order_id WHERE substr(l.created_at, 1, 10) BETWEEN :from AND :to GROUP BY key;
SELECT substr(substr(c.created_at, 1, 10), 1, 7) AS key, COUNT(*) FROM communications c WHERE c.kind = 'complaint' AND substr(c.created_at, 1, 10) BETWEEN :from AND :to GROUP BY key;
SELECT cancelled_by, cancel_reason, COUNT(*) AS count FROM orders WHERE status = 'cancelled' AND cancelled_on BETWEEN :from AND :to GROUP BY cancelled_by, cancel_reason ORDER BY count DESC;
SELECT c.id, c.name, c.phone, COUNT(*) AS no_shows FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.cancelled_by = 'policy' AND o.cancel_reason = 'no-show' AND o.cancelled_on BETWEEN :from AND :to GROUP BY c.id ORDER BY no_shows DESC, c.id LIMIT 10;
SELECT COUNT(DISTINCT order_id) FROM ledger WHERE kind IN ('compensation', 'waiver') AND substr(created_at, 1, 10) BETWEEN :from AND :to;
