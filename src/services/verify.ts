import { entryHash, GENESIS_HASH, streamLog } from '../db/communications.js';
import { firstChangedOrder, firstChangedRow, firstUnchained, walkChain, type Break } from '../db/evidence-check.js';
import { readHead } from '../db/evidence.js';
import { dialectOf } from '../db/dialect.js';
import type { DB } from '../db/types.js';

export interface VerifyResult {
  integrity: string[];
  foreignKeys: number;
  /** the evidence chain's length and head hash, as recomputed */
  head: { count: number; hash: string };
  /** the first entry edited, removed, reordered or never chained */
  broken: Break | null;
  /** the check against a head recorded earlier (--head), when given */
  againstHead: { ok: boolean; why: string | null } | null;
}

/**
 * PRAGMA integrity_check, foreign keys, and the evidence chain (SPEC 12): every link, every
 * chained row against its digest, every order against its last chained state, rows never
 * chained, the stored head against the recomputed one, and optionally a head recorded earlier.
 */
export async function verify(db: DB, recorded?: { count: number; hash: string }): Promise<VerifyResult> {
  const { integrity: lines, foreignKeys } = dialectOf(db).integrity(db);
  const walk = await walkChain(db, recorded?.count ?? null);
  const stored = await readHead(db);
  const found = [walk.broken, await firstChangedRow(db), await firstChangedOrder(db), await communicationsLink(db)]
    .filter((b): b is Break => b !== null).sort((a, b) => a.seq! - b.seq!);
  let broken: Break | null = found[0] ?? await firstUnchained(db);
  if (!broken && (stored.count !== walk.count || stored.hash !== walk.hash)) {
    broken = { seq: walk.count, source: 'head', row_id: 0, why: `the chain ends at entry ${walk.count} but its head says ${stored.count}: its last entries were removed` };
  }
  let againstHead: VerifyResult['againstHead'] = null;
  if (recorded) {
    if (walk.count < recorded.count) againstHead = { ok: false, why: `the chain has ${walk.count} entries, fewer than the ${recorded.count} recorded: entries were removed` };
    else if (walk.hashAt !== recorded.hash) againstHead = { ok: false, why: `its first ${recorded.count} entries no longer give the recorded hash: an entry was changed or removed and the chain recomputed` };
    else againstHead = { ok: true, why: null };
  }
  return { integrity: lines, foreignKeys, head: { count: walk.count, hash: walk.hash }, broken, againstHead };
}

/** The communication log's own link (prev_hash/hash, kept from version 1): a break there points at its evidence entry. */
async function communicationsLink(db: DB): Promise<Break | null> {
  let prev = GENESIS_HASH;
  let first: { id: number; why: string } | null = null;
  // Read to the end: leaving a Kysely stream early holds the connection.
  for await (const row of streamLog(db)) {
    const why = row.prev_hash !== prev ? 'it does not follow the log entry before it (an entry was removed or inserted)'
      : entryHash(prev, row) !== row.hash ? 'its content was changed after it was written' : null;
    if (why && !first) first = { id: row.id, why };
    prev = row.hash;
  }
  if (!first) return null;
  const e = await db.selectFrom('evidence').select('seq').where('source', '=', 'communications').where('row_id', '=', first.id).executeTakeFirst();
  return { seq: e?.seq ?? 0, source: 'communications', row_id: first.id, why: first.why };
}
