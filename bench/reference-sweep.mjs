// The reference for `orders sweep`: a bare better-sqlite3 script doing the same writes for the
// same day (storage fees per day after the free hold, no-show cancellations with their forfeit,
// events, queued notices) with hand-written SQL and prepared statements, no policy code.
import Database from 'better-sqlite3';

const [path, today] = process.argv.slice(2);
const db = new Database(path);
db.pragma('journal_mode = WAL');
const at = `${today}T01:00:00+07:00`;
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const run = db.transaction(() => {
  const ready = db.prepare(`SELECT o.id, o.pickup_date, o.ready_on, o.hold_until, o.terms_grace_days g, o.terms_cancel_after_days c,
      o.terms_storage_fee_per_day fee, o.deposit_required dp,
      (SELECT COALESCE(SUM(CASE kind WHEN 'payment' THEN amount WHEN 'refund' THEN -amount END), 0) FROM ledger WHERE order_id = o.id) paid,
      (SELECT MAX(fee_date) FROM ledger WHERE order_id = o.id AND kind = 'storage_fee') last_fee,
      (SELECT MAX(d) FROM (SELECT substr(created_at, 1, 10) d FROM communications WHERE order_id = o.id AND direction = 'in'
        UNION ALL SELECT substr(created_at, 1, 10) FROM ledger WHERE order_id = o.id AND kind = 'payment' AND COALESCE(note, '') <> 'imported')) last_in
    FROM orders o WHERE o.status IN ('confirmed', 'ready') AND o.status = 'ready' AND o.fulfilment = 'pickup'`).all();
  const fee = db.prepare("INSERT INTO ledger (order_id, kind, amount, fee_date, created_at) VALUES (?, 'storage_fee', ?, ?, ?)");
  const ev = db.prepare('INSERT INTO events (order_id, kind, detail, created_at) VALUES (?, ?, ?, ?)');
  const cancel = db.prepare("UPDATE orders SET status = 'cancelled', cancelled_by = 'policy', cancel_reason = 'no-show', cancelled_on = ? WHERE id = ? AND status = 'ready'");
  const forfeit = db.prepare("INSERT INTO ledger (order_id, kind, amount, note, created_at) VALUES (?, 'forfeit', ?, 'DP forfeited: no-show', ?)");
  const queue = db.prepare('INSERT OR IGNORE INTO outbox (order_id, template, due_on, dedupe_key, queued_at) VALUES (?, ?, ?, ?, ?)');
  for (const o of ready) {
    const s = o.ready_on && o.ready_on > o.pickup_date ? o.ready_on : o.pickup_date;
    const h = o.hold_until ?? s;
    const free = [addDays(s, o.g), h].sort().at(-1);
    const cancelOn = addDays([s, h, o.last_in ?? s].sort().at(-1), o.c);
    const last = today >= cancelOn ? addDays(cancelOn, -1) : today;
    for (let d = addDays([free, o.last_fee ?? free].sort().at(-1), 1); d <= last; d = addDays(d, 1)) fee.run(o.id, o.fee, d, at);
    if (today >= cancelOn) {
      cancel.run(today, o.id);
      forfeit.run(o.id, Math.min(o.paid, o.dp), at);
      ev.run(o.id, 'cancelled', 'by policy: no-show', at);
      queue.run(o.id, 'auto-cancel-notice', today, `auto-cancel-notice:${o.id}`, at);
    } else if (today > s) {
      queue.run(o.id, 'pickup-overdue', today, `pickup-overdue:${o.id}`, at);
    }
  }
});
run.immediate();
