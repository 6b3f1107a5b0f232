import { rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { insertMany } from './bulk.js';
import { dialectOf, query } from './dialect.js';
import type { Head } from './evidence.js';
import { describeUrl, isPostgresUrl } from './postgres-url.js';
import type * as T from './types.js';
import type { DB } from './types.js';

/**
 * A whole shop from one store to another (`orders copy`, SPEC 13): every row of every table
 * with its id as it is, so ids, the evidence chain and every command's output are the same on
 * both sides. The caller holds a read snapshot on the source and one write transaction on the
 * target.
 */

/**
 * Every column of a table, checked against src/db/types.ts by the compiler: a column added
 * there and not here fails the build instead of being left behind by a copy.
 */
const every = <Row>() => <const C extends readonly (keyof Row & string)[]>(
  ...columns: C & ([Exclude<keyof Row, C[number]>] extends [never] ? unknown : { missing: Exclude<keyof Row, C[number]> })
): readonly string[] => columns;

export interface CopiedTable {
  name: string;
  /** the key the rows are read and written in order of, and a value below every key */
  key: 'id' | 'seq' | 'day';
  below: number | string;
  columns: readonly string[];
}

const BY_ID = { key: 'id', below: Number.MIN_SAFE_INTEGER } as const;

/**
 * Every table but settings and evidence_head (the target's own rows of those are replaced:
 * copySettings, copyHead), keyed by name so that a table added to src/db/types.ts and not
 * here fails the build. Written in the order the references allow: customers before orders,
 * the log before what points at it, a receipt after the earlier one it reprints (ids ascend).
 */
const TABLES: { [Name in Exclude<keyof T.Database, 'settings' | 'evidence_head'>]: Omit<CopiedTable, 'name'> } = {
  customers: { ...BY_ID, columns: every<T.CustomersTable>()('id', 'name', 'phone', 'created_at', 'salutation', 'lang') },
  orders: {
    ...BY_ID,
    columns: every<T.OrdersTable>()('id', 'external_ref', 'customer_id', 'status', 'pickup_date', 'total', 'deposit_required', 'custom',
      'needs_confirmation', 'note', 'created_at', 'confirmed_on', 'ready_on', 'completed_on', 'cancelled_on', 'cancelled_by',
      'cancel_reason', 'hold_until', 'fulfilment', 'delivery_eta', 'delivery_after_hours', 'delivery_fee', 'delivery_address',
      'delivery_courier', 'delivery_tracking', 'perishable', 'hold_set_on', 'terms_deposit_percent', 'terms_grace_days',
      'terms_storage_fee_per_day', 'terms_cancel_after_days', 'terms_delivery_base_fee', 'terms_delivery_packaging_fee',
      'terms_delivery_after_hours_fee', 'terms_agreed_on', 'voided_on', 'void_reason'),
  },
  order_items: { ...BY_ID, columns: every<T.OrderItemsTable>()('id', 'order_id', 'position', 'description', 'quantity', 'unit_price') },
  ledger: { ...BY_ID, columns: every<T.LedgerTable>()('id', 'order_id', 'kind', 'amount', 'method', 'fee_date', 'note', 'created_at') },
  events: { ...BY_ID, columns: every<T.EventsTable>()('id', 'order_id', 'kind', 'detail', 'created_at') },
  communications: {
    ...BY_ID,
    columns: every<T.CommunicationsTable>()('id', 'order_id', 'customer_id', 'direction', 'channel', 'kind', 'template', 'lang', 'text',
      'created_at', 'prev_hash', 'hash'),
  },
  complaint_resolutions: { ...BY_ID, columns: every<T.ComplaintResolutionsTable>()('id', 'communication_id', 'note', 'resolved_at') },
  outbox: {
    ...BY_ID,
    columns: every<T.OutboxTable>()('id', 'order_id', 'template', 'due_on', 'dedupe_key', 'status', 'queued_at', 'sent_at',
      'communication_id', 'attempts', 'last_error'),
  },
  blacklist: { ...BY_ID, columns: every<T.BlacklistTable>()('id', 'customer_id', 'reason', 'added_at', 'lifted_at', 'lift_reason') },
  receipts: { ...BY_ID, columns: every<T.ReceiptsTable>()('id', 'order_id', 'reprint_of', 'format', 'printed_at', 'communication_id') },
  evidence: { key: 'seq', below: Number.MIN_SAFE_INTEGER, columns: every<T.EvidenceTable>()('seq', 'source', 'row_id', 'digest', 'hash') },
  sweep_runs: { key: 'day', below: '', columns: every<T.SweepRunsTable>()('day', 'runs', 'first_at', 'last_at') },
};

export const COPIED_TABLES: readonly CopiedTable[] = Object.entries(TABLES).map(([name, table]) => ({ name, ...table }));

/** Rows read per page: memory stays flat however large the shop. */
const PAGE = 5000;

/**
 * What the target holds beyond a store just created (its `timezone` setting and the empty
 * chain's head): rows of its own in any table make it not empty, and a copy would mix two
 * shops. Counted for the refusal's message: orders, customers, settings, and which other
 * tables hold rows.
 */
export async function shopDataIn(db: DB): Promise<{ orders: number; customers: number; settings: number; others: string[] }> {
  const count = async (text: string) => Number((await query<{ n: number }>(db, text))[0]!.n);
  const others: string[] = [];
  for (const { name } of COPIED_TABLES) {
    if (name === 'orders' || name === 'customers') continue;
    if ((await query(db, `SELECT 1 AS x FROM ${name} LIMIT 1`)).length > 0) others.push(name);
  }
  if (!others.includes('evidence') && (await count('SELECT count AS n FROM evidence_head WHERE id = 1')) > 0) others.push('evidence_head');
  return {
    orders: await count('SELECT count(*) AS n FROM orders'),
    customers: await count('SELECT count(*) AS n FROM customers'),
    settings: await count("SELECT count(*) AS n FROM settings WHERE key <> 'timezone'"),
    others,
  };
}

/** The target's settings (a new store's `timezone`) replaced by the source's. */
export async function copySettings(from: DB, to: DB): Promise<number> {
  const rows = await query<{ key: string; value: string }>(from, 'SELECT key, value FROM settings ORDER BY key');
  await query(to, 'DELETE FROM settings');
  await insertMany(to, 'INSERT INTO settings (key, value)', '(?, ?)', rows.map((r) => [r.key, r.value]));
  return rows.length;
}

/** Copies one table a page at a time in key order; returns the number of rows. */
export async function copyTable(from: DB, to: DB, table: CopiedTable): Promise<number> {
  const { name, key, below, columns } = table;
  const list = columns.join(', ');
  const text = `SELECT ${list} FROM ${name} WHERE ${key} > ? ORDER BY ${key} LIMIT ${PAGE}`;
  const head = `INSERT INTO ${name} (${list})`;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const at = columns.indexOf(key);
  let copied = 0;
  for (let last = below; ;) {
    const rows = await dialectOf(from).arrays(from, text, [last]);
    if (rows.length === 0) return copied;
    await insertMany(to, head, tuple, rows);
    copied += rows.length;
    last = rows[rows.length - 1]![at] as number | string;
  }
}

/** The chain's head as the source stores it: the copied entries are chained already, nothing is appended. */
export async function copyHead(from: DB, to: DB): Promise<Head> {
  const [head] = await query<Head>(from, 'SELECT count, hash FROM evidence_head WHERE id = 1');
  const { count, hash } = head!;
  await query(to, 'UPDATE evidence_head SET count = ?, hash = ? WHERE id = 1', [count, hash]);
  return { count: Number(count), hash };
}

/**
 * Whether two names reach the same store: one database on one server (whoever logs in), or
 * one file under any path or hard link. Copying a shop onto itself would read what it writes.
 */
export function sameStore(a: string, b: string): boolean {
  if (isPostgresUrl(a) || isPostgresUrl(b)) return isPostgresUrl(a) && isPostgresUrl(b) && describeUrl(a) === describeUrl(b);
  if (resolve(a) === resolve(b)) return true;
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** Removes an SQLite file this copy created and could not fill, so a failed copy leaves nothing behind. */
export function discardNewFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}
