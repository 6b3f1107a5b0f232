import { sql } from 'kysely';
import { digestOf, GENESIS, linkHash, type Source } from './evidence-hash.js';
import type { DB } from './types.js';

/** The first entry that fails, with where it points; seq is null for a row that was never chained. */
export interface Break {
  seq: number | null;
  /** 'head' when the stored head does not match the chain */
  source: Source | 'head';
  row_id: number;
  why: string;
}

export interface ChainWalk {
  count: number;
  hash: string;
  /** the running hash after `at` entries, when asked for */
  hashAt: string | null;
  broken: Break | null;
}

/** Walks the chain in seq order, recomputing each link from the digests it holds. */
export async function walkChain(db: DB, at: number | null): Promise<ChainWalk> {
  let hash = GENESIS;
  let count = 0;
  let hashAt = at === 0 ? GENESIS : null;
  let broken: Break | null = null;
  for await (const e of db.selectFrom('evidence').selectAll().orderBy('seq').stream()) {
    count++;
    if (!broken && e.seq !== count) broken = { seq: e.seq, source: e.source, row_id: e.row_id, why: `entries before it were removed (it is number ${count} in the chain)` };
    const next = linkHash(hash, e.digest);
    if (!broken && next !== e.hash) broken = { seq: e.seq, source: e.source, row_id: e.row_id, why: 'it does not follow the entry before it (an entry was changed, removed or inserted)' };
    hash = e.hash;
    if (count === at) hashAt = hash;
  }
  return { count, hash, hashAt, broken };
}

const TABLES = ['ledger', 'events', 'communications'] as const;
type Checked = Record<string, unknown> & { ev_seq: number; ev_row: number; ev_digest: string };

/**
 * Rows in evidence order, a page at a time. Not stream(): leaving a Kysely stream early on
 * SQLite left its connection held, and the next query waited forever.
 */
async function* pages(page: (afterSeq: number) => Promise<Checked[]>): AsyncGenerator<Checked> {
  for (let after = 0; ;) {
    const rows = await page(after);
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]!.ev_seq;
  }
}

/** The first append-only row whose content no longer matches its chained digest, or that was removed. */
export async function firstChangedRow(db: DB): Promise<Break | null> {
  let first: Break | null = null;
  for (const source of TABLES) {
    // The table is chosen from a fixed list; Kysely's types cannot follow a join on a union of names.
    const rows = pages((after) => db.selectFrom('evidence').leftJoin(`${source} as t` as 'ledger as t', 't.id', 'evidence.row_id')
      .selectAll('t').select(['evidence.seq as ev_seq', 'evidence.row_id as ev_row', 'evidence.digest as ev_digest'])
      .where('evidence.source', '=', source).where('evidence.seq', '>', after).orderBy('evidence.seq').limit(2000).execute());
    for await (const r of rows) {
      if (first && first.seq! < r.ev_seq) break;
      const why = r.id === null ? 'the row it records was removed' : digestOf(source, r) !== r.ev_digest ? 'the row was changed after it was written' : null;
      if (why) {
        first = { seq: r.ev_seq, source, row_id: r.ev_row, why };
        break;
      }
    }
  }
  return first;
}

/** The first order whose current state differs from its last chained state (status, money, terms). */
export async function firstChangedOrder(db: DB): Promise<Break | null> {
  const rows = pages((after) => db.selectFrom('evidence as e').leftJoin('orders', 'orders.id', 'e.row_id').selectAll('orders')
    .select(['e.seq as ev_seq', 'e.row_id as ev_row', 'e.digest as ev_digest'])
    .where('e.source', '=', 'orders').where('e.seq', '>', after)
    .where('e.seq', '=', (eb) => eb.selectFrom('evidence as x').select((x) => x.fn.max('x.seq').as('m'))
      .where('x.source', '=', 'orders').whereRef('x.row_id', '=', 'e.row_id'))
    .orderBy('e.seq').limit(2000).execute());
  for await (const r of rows) {
    if (r.id === null) return { seq: r.ev_seq, source: 'orders', row_id: r.ev_row, why: 'the order was removed' };
    if (digestOf('orders', r) !== r.ev_digest) {
      return { seq: r.ev_seq, source: 'orders', row_id: r.ev_row, why: 'its status, amounts or frozen terms were changed outside orders' };
    }
  }
  return null;
}

/** The first row of any evidence table that was never chained: written outside orders. */
export async function firstUnchained(db: DB): Promise<Break | null> {
  for (const source of [...TABLES, 'orders'] as const) {
    const r = await db.selectFrom(source).select('id')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('evidence').select(sql.lit(1).as('one'))
        .where('evidence.source', '=', source).whereRef('evidence.row_id', '=', `${source}.id`))))
      .orderBy('id').limit(1).executeTakeFirst();
    if (r) return { seq: null, source, row_id: r.id, why: 'it was added outside orders (it is not in the evidence chain)' };
  }
  return null;
}
