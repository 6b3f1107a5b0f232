// The floor under `orders import`: the rows an import of the export writes (customers, orders,
// items, one ledger row per kind of money, one event per order), inserted by a bare
// better-sqlite3 script into an empty database in one transaction. The rows are read from the
// source database into memory first and only the writing is timed: no CSV, no validation.
// Prints the milliseconds the writing took.
import Database from 'better-sqlite3';

const [source, target] = process.argv.slice(2);
const src = new Database(source, { readonly: true });
const orderColumns = src.prepare('SELECT * FROM orders LIMIT 1').columns().map((c) => c.name);
const orders = src.prepare('SELECT o.*, c.name AS c_name, c.phone AS c_phone, c.created_at AS c_created FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.id').all();
const items = src.prepare('SELECT order_id, description, quantity, unit_price FROM order_items ORDER BY order_id, position').raw().all();
const money = src.prepare('SELECT order_id, kind, SUM(amount), MAX(fee_date) FROM ledger GROUP BY order_id, kind ORDER BY order_id').raw().all();
src.close();

const db = new Database(target);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
const at = '2026-11-25T10:00:00+07:00';
const customer = db.prepare('INSERT INTO customers (name, phone, created_at) VALUES (?, ?, ?) ON CONFLICT (phone) DO UPDATE SET name = excluded.name RETURNING id');
const order = db.prepare(`INSERT INTO orders (${orderColumns.join(', ')}) VALUES (${orderColumns.map(() => '?').join(', ')})`);
const item = db.prepare('INSERT INTO order_items (order_id, position, description, quantity, unit_price) VALUES (?, ?, ?, ?, ?)');
const ledger = db.prepare("INSERT INTO ledger (order_id, kind, amount, method, fee_date, note, created_at) VALUES (?, ?, ?, NULL, ?, 'imported', ?)");
const event = db.prepare("INSERT INTO events (order_id, kind, detail, created_at) VALUES (?, 'imported', 'from orders.csv', ?)");

const start = performance.now();
db.transaction(() => {
  const customers = new Map();
  let i = 0;
  let m = 0;
  for (const o of orders) {
    let id = customers.get(o.c_phone);
    if (id === undefined) {
      id = customer.get(o.c_name, o.c_phone, o.c_created).id;
      customers.set(o.c_phone, id);
    }
    order.run(orderColumns.map((c) => (c === 'customer_id' ? id : o[c])));
    for (let position = 1; i < items.length && items[i][0] === o.id; i++, position++) item.run(o.id, position, items[i][1], items[i][2], items[i][3]);
    for (; m < money.length && money[m][0] === o.id; m++) {
      const [, kind, total, feeDate] = money[m];
      ledger.run(o.id, kind, total, kind === 'storage_fee' ? feeDate : null, at);
    }
    event.run(o.id, at);
  }
}).immediate();
console.log(Math.round(performance.now() - start));
