// The floor under `orders today`: a bare better-sqlite3 script running only the agenda's reads
// (the open orders with the facts the policy needs, then the ledger sums and customers of the
// orders it prints), with no policy, no text and no output. Prints the two counts.
const Database = require('better-sqlite3');

const [path, today, until] = process.argv.slice(2);
const db = new Database(path, { nativeBinding: require.resolve('better-sqlite3/build/Release/better_sqlite3.node') });
db.pragma('journal_mode = WAL');
const open = db.prepare(`SELECT o.id, o.status, o.fulfilment, o.pickup_date, o.ready_on, o.hold_until, o.terms_grace_days,
    o.terms_cancel_after_days, o.terms_storage_fee_per_day, o.deposit_required, o.customer_id, o.total,
    (SELECT COALESCE(SUM(CASE l.kind WHEN 'payment' THEN l.amount WHEN 'refund' THEN -l.amount ELSE 0 END), 0) FROM ledger l WHERE l.order_id = o.id) AS paid,
    (SELECT MAX(l.fee_date) FROM ledger l WHERE l.order_id = o.id AND l.kind = 'storage_fee') AS last_fee_date,
    (SELECT MAX(k.d) FROM (SELECT substr(c.created_at, 1, 10) AS d FROM communications c WHERE c.order_id = o.id AND c.direction = 'in'
      UNION ALL SELECT substr(l.created_at, 1, 10) FROM ledger l WHERE l.order_id = o.id AND l.kind = 'payment' AND COALESCE(l.note, '') <> 'imported') AS k) AS last_inbound_on,
    EXISTS (SELECT 1 FROM outbox x WHERE x.order_id = o.id AND x.template = 'pickup-overdue') AS overdue_notice_queued
  FROM orders o WHERE o.status IN ('confirmed', 'ready') AND (o.status = 'ready' OR (o.pickup_date >= ? AND o.pickup_date <= ?))
  ORDER BY +o.id`).all(today, until);
const shown = open.filter((o) => o.pickup_date === today || (o.status === 'ready' && o.pickup_date < today));
for (let i = 0; i < shown.length; i += 5000) {
  const slice = shown.slice(i, i + 5000);
  const ids = slice.map((o) => o.id);
  const customers = [...new Set(slice.map((o) => o.customer_id))];
  db.prepare(`SELECT order_id, kind, SUM(amount) FROM ledger WHERE order_id IN (${ids.map(() => '?').join(', ')}) GROUP BY order_id, kind`).all(...ids);
  db.prepare(`SELECT id, name, phone FROM customers WHERE id IN (${customers.map(() => '?').join(', ')})`).all(...customers);
}
console.log(open.length, shown.length);
