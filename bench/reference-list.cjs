// The floor under `orders list --status S --pickup-from D --pickup-to D --json`: a bare
// better-sqlite3 script that opens the database as orders does, reads the same orders, items
// and ledger sums with hand-written SQL, and prints them as JSON. No argument parsing, no
// Kysely, no bundle: what any Node program must spend on this query. CommonJS, which starts
// faster than an ES module on Node 20.
const Database = require('better-sqlite3');

const [path, status, from, to] = process.argv.slice(2);
const db = new Database(path, { nativeBinding: require.resolve('better-sqlite3/build/Release/better_sqlite3.node') });
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.prepare('SELECT key, value FROM settings').all();
const orders = db.prepare(`SELECT o.*, c.name AS customer_name, c.phone AS customer_phone,
    EXISTS (SELECT 1 FROM blacklist b WHERE b.customer_id = c.id AND b.lifted_at IS NULL) AS blacklisted
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.status IN (?) AND o.pickup_date >= ? AND o.pickup_date <= ? ORDER BY o.pickup_date, o.id`).all(status, from, to);
const ids = orders.map((o) => o.id);
const marks = ids.map(() => '?').join(', ');
const items = new Map(ids.map((id) => [id, []]));
for (const it of db.prepare(`SELECT order_id, description, quantity, unit_price FROM order_items WHERE order_id IN (${marks}) ORDER BY order_id, position`).all(...ids)) {
  items.get(it.order_id).push({ description: it.description, quantity: it.quantity, unit_price: it.unit_price });
}
const money = new Map(ids.map((id) => [id, {}]));
for (const m of db.prepare(`SELECT order_id, kind, SUM(amount) AS amount FROM ledger WHERE order_id IN (${marks}) GROUP BY order_id, kind`).all(...ids)) {
  money.get(m.order_id)[m.kind] = m.amount;
}
process.stdout.write(`${JSON.stringify(orders.map((o) => ({ ...o, items: items.get(o.id), money: money.get(o.id) })), null, 2)}\n`);
db.close();
