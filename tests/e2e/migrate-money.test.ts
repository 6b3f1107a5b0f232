import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Shop } from './harness.ts';

let shop: Shop;
afterEach(() => shop.cleanup());

/** A version-1 file with orders, items, money and messages, as a shop has it before the upgrade. */
function versionOneShop(): Shop {
  const s = new Shop();
  const d = new Sqlite(s.db);
  d.exec(readFileSync(resolve(import.meta.dirname, '../fixtures/schema-v1.sql'), 'utf8'));
  d.exec(`
    INSERT INTO settings (key, value) VALUES ('shop.name', 'Toko Lama'), ('currency', 'IDR'), ('locale', 'id'), ('timezone', 'Asia/Jakarta'), ('country_code', '62');
    INSERT INTO customers (id, name, phone, created_at) VALUES (1, 'Budi', '+6281234567890', '2026-11-01T09:00:00+07:00');
    INSERT INTO orders (id, customer_id, status, pickup_date, total, deposit_required, created_at, cancelled_on, cancelled_by, cancel_reason,
      terms_deposit_percent, terms_grace_days, terms_storage_fee_per_day, terms_cancel_after_days, terms_delivery_base_fee,
      terms_delivery_packaging_fee, terms_delivery_after_hours_fee, terms_agreed_on)
    VALUES (1, 1, 'cancelled', '2026-11-20', 170000, 85000, '2026-11-01T09:00:00+07:00', '2026-11-10', 'customer', 'batal', 50, 2, 0, 7, 0, 0, 0, '2026-11-01'),
           (2, 1, 'pending', '2026-12-01', 40000, 20000, '2026-11-02T09:00:00+07:00', NULL, NULL, NULL, 50, 2, 0, 7, 0, 0, 0, '2026-11-02');
    INSERT INTO order_items (order_id, position, description, quantity, unit_price) VALUES (1, 1, 'Kaos', 2, 85000), (2, 1, 'Mug', 1, 40000);
    INSERT INTO ledger (order_id, kind, amount, created_at) VALUES (1, 'payment', 170000, '2026-11-01T09:00:00+07:00'), (1, 'forfeit', 85000, '2026-11-10T09:00:00+07:00');
  `);
  d.pragma('user_version = 1');
  d.close();
  return s;
}

it('a version-1 shop keeps every order through the rebuild, and can then refund and void', () => {
  shop = versionOneShop();
  const before = shop.query('SELECT * FROM orders ORDER BY id');
  expect(shop.okJson(['show', '1'])).toMatchObject({ status: 'cancelled', balance: -85000, items: [{ description: 'Kaos', quantity: 2, unit_price: 85000 }] });
  expect(shop.query('PRAGMA user_version')[0].user_version).toBe(2);
  // Every version-1 column keeps its value; the columns version 2 adds are left out here.
  const v1 = Object.keys(before[0]!);
  const after = shop.query('SELECT * FROM orders ORDER BY id').map((row: Record<string, unknown>) => Object.fromEntries(v1.map((k) => [k, row[k]])));
  expect(after).toEqual(before);
  expect(shop.query('PRAGMA foreign_key_check')).toEqual([]);
  expect(shop.okJson(['refund', '1', 'all']).balance).toBe(0);
  expect(shop.okJson(['void', '2', '--reason', 'salah input', '--yes']).status).toBe('void');
  expect(shop.run(['verify']).code).toBe(0);
});

describe('a version-1 file', () => {
  it('is chained on migration: its log, ledger, events and orders verify, and edits to them are caught', () => {
    const v1 = new Shop();
    try {
      const d = new Sqlite(v1.db);
      d.exec(readFileSync(resolve(import.meta.dirname, '../fixtures/schema-v1.sql'), 'utf8'));
      d.pragma('user_version = 1');
      d.exec(`INSERT INTO settings VALUES ('shop_name', 'Toko Lama'), ('currency', 'IDR'), ('locale', 'id'), ('timezone', 'Asia/Jakarta'), ('country_code', '62');
        INSERT INTO customers VALUES (1, 'Sari', '+6281234567890', '2026-11-01T09:00:00+07:00');
        INSERT INTO orders (id, customer_id, status, pickup_date, total, deposit_required, created_at, terms_deposit_percent, terms_grace_days,
          terms_storage_fee_per_day, terms_cancel_after_days, terms_delivery_base_fee, terms_delivery_packaging_fee, terms_delivery_after_hours_fee, terms_agreed_on)
          VALUES (1, 1, 'pending', '2026-12-01', 100000, 50000, '2026-11-01T09:00:00+07:00', 50, 3, 5000, 14, 0, 0, 0, '2026-11-01');
        INSERT INTO order_items (order_id, position, description, quantity, unit_price) VALUES (1, 1, 'Kue', 1, 100000);
        INSERT INTO ledger (order_id, kind, amount, created_at) VALUES (1, 'payment', 50000, '2026-11-01T09:00:00+07:00');
        INSERT INTO events (order_id, kind, created_at) VALUES (1, 'created', '2026-11-01T09:00:00+07:00');`);
      d.close();
      expect(v1.ok(['verify'])).toMatch(/Evidence chain: 3 entries, intact/);
      expect(v1.query('SELECT source FROM evidence ORDER BY seq').map((r) => r.source)).toEqual(['ledger', 'events', 'orders']);
      v1.tamper("UPDATE ledger SET amount = 1 WHERE id = 1");
      expect(v1.run(['verify']).stderr).toContain('evidence entry 1 (ledger row 1) fails verification');
    } finally {
      v1.cleanup();
    }
  });
});
