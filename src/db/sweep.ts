import { insertMany } from './bulk.js';
import { IN_LIMIT } from './chunks.js';
import { chain, touch } from './evidence.js';
import { query } from './dialect.js';
import type { DB } from './types.js';

/**
 * The sweep's bulk writes. With 100k orders due, Kysely's per-batch query building cost more
 * than SQLite's writes (bench/README.md), so these run multi-row statements on the raw
 * connection, inside the caller's transaction.
 */
export interface FeeCharge {
  order_id: number;
  days: string[];
  fee: number;
  detail: string;
}

/** One ledger row per order and day; the unique (order_id, fee_date) index makes a repeat impossible. */
export async function chargeStorageFees(db: DB, charges: readonly FeeCharge[], at: string): Promise<void> {
  // A slice at a time: the inserted rows come back to be chained, and all of a night's at once took ~300 MB.
  for (let i = 0; i < charges.length; i += CHAIN_SLICE) {
    const slice = charges.slice(i, i + CHAIN_SLICE);
    await chain(db, 'ledger', await insertMany<Record<string, unknown>>(db, 'INSERT INTO ledger (order_id, kind, amount, fee_date, created_at)', "(?, 'storage_fee', ?, ?, ?)", (function* () {
      for (const c of slice) for (const d of c.days) yield [c.order_id, c.fee, d, at];
    })(), 'RETURNING *'));
    await chain(db, 'events', await insertMany<Record<string, unknown>>(db, 'INSERT INTO events (order_id, kind, detail, created_at)', "(?, 'storage-fee', ?, ?)",
      slice.map((c) => [c.order_id, c.detail, at]), 'RETURNING *'));
    touch(db, slice.map((c) => c.order_id));
  }
}

/**
 * Claims tonight's sweep for the shop: the first run of the day, or the next. Both engines
 * honour the upsert; the caller's write transaction holds the writer lock, so two counters'
 * crons firing at once take turns and each learns which run it was.
 */
export async function claimSweep(db: DB, day: string, at: string): Promise<number> {
  const [r] = await query<{ runs: number }>(db, `INSERT INTO sweep_runs (day, runs, first_at, last_at) VALUES (?, 1, ?, ?)
    ON CONFLICT (day) DO UPDATE SET runs = sweep_runs.runs + 1, last_at = excluded.last_at RETURNING runs`, [day, at, at]);
  return Number(r!.runs);
}

/** Orders per slice of the sweep's chained inserts (the slices set the chain's order of rows). */
export const CHAIN_SLICE = 2000;

export interface NoShow {
  order_id: number;
  forfeit: number;
  detail: string;
}

/** Cancels still-ready orders as no-shows and forfeits their DP; returns those it cancelled, by id. */
export async function cancelNoShows(db: DB, noShows: readonly NoShow[], today: string, at: string): Promise<{ order_id: number; customer_id: number }[]> {
  const done: (NoShow & { customer_id: number })[] = [];
  const byId = new Map(noShows.map((n) => [n.order_id, n]));
  for (let i = 0; i < noShows.length; i += IN_LIMIT) {
    const slice = noShows.slice(i, i + IN_LIMIT);
    const cancelled = await query<{ id: number; customer_id: number }>(db, `UPDATE orders SET status = 'cancelled', cancelled_by = 'policy', cancel_reason = 'no-show', cancelled_on = ?
      WHERE status = 'ready' AND id IN (${slice.map(() => '?').join(', ')}) RETURNING id, customer_id`, [today, ...slice.map((n) => n.order_id)]);
    for (const c of cancelled) done.push({ ...byId.get(c.id)!, customer_id: c.customer_id });
  }
  done.sort((a, b) => a.order_id - b.order_id);
  for (let i = 0; i < done.length; i += CHAIN_SLICE) {
    const slice = done.slice(i, i + CHAIN_SLICE);
    await chain(db, 'ledger', await insertMany<Record<string, unknown>>(db, 'INSERT INTO ledger (order_id, kind, amount, note, created_at)', "(?, 'forfeit', ?, 'DP forfeited: no-show', ?)",
      slice.filter((n) => n.forfeit > 0).map((n) => [n.order_id, n.forfeit, at]), 'RETURNING *'));
    await chain(db, 'events', await insertMany<Record<string, unknown>>(db, 'INSERT INTO events (order_id, kind, detail, created_at)', "(?, 'cancelled', ?, ?)",
      slice.map((n) => [n.order_id, n.detail, at]), 'RETURNING *'));
    touch(db, slice.map((n) => n.order_id));
  }
  return done.map((n) => ({ order_id: n.order_id, customer_id: n.customer_id }));
}
