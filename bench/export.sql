-- The query `orders export orders` runs (src/db/export.ts), for `sqlite3 -csv`.
SELECT o.id, o.external_ref, o.status, c.name, c.phone, o.created_at, o.pickup_date,
  (SELECT json_group_array(json_object('description', i.description, 'quantity', i.quantity, 'unit_price', i.unit_price)) FROM (SELECT description, quantity, unit_price FROM order_items WHERE order_id = o.id ORDER BY position) i),
  o.total, o.deposit_required, o.terms_deposit_percent,
  (SELECT json_array(SUM(CASE kind WHEN 'payment' THEN amount ELSE 0 END), SUM(CASE kind WHEN 'refund' THEN amount ELSE 0 END),
    SUM(CASE kind WHEN 'forfeit' THEN amount ELSE 0 END), SUM(CASE kind WHEN 'storage_fee' THEN amount ELSE 0 END), MAX(fee_date),
    SUM(CASE kind WHEN 'delivery_fee' THEN amount ELSE 0 END), SUM(CASE kind WHEN 'compensation' THEN amount ELSE 0 END),
    SUM(CASE kind WHEN 'waiver' THEN amount ELSE 0 END)) FROM ledger WHERE order_id = o.id),
  o.custom, o.needs_confirmation, o.note, o.confirmed_on, o.ready_on, o.completed_on, o.cancelled_on, o.cancelled_by, o.cancel_reason, o.hold_until,
  o.fulfilment, o.delivery_eta, o.delivery_after_hours, o.terms_grace_days, o.terms_storage_fee_per_day, o.terms_cancel_after_days,
  o.terms_delivery_base_fee, o.terms_delivery_packaging_fee, o.terms_delivery_after_hours_fee, o.terms_agreed_on
FROM orders o JOIN customers c ON c.id = o.customer_id
ORDER BY o.id;
