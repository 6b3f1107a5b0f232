import { entryHash, GENESIS_HASH, streamLog } from '../db/communications.js';
import { integrity } from '../db/open.js';
import type { DB } from '../db/types.js';

export interface VerifyResult {
  integrity: string[];
  foreignKeys: number;
  entries: number;
  /** the first entry whose content or link does not match its hash */
  broken: { id: number; order_id: number | null; created_at: string; why: string } | null;
}

/** PRAGMA integrity_check, foreign keys, and the evidence log's hash chain, streamed in id order. */
export async function verify(db: DB): Promise<VerifyResult> {
  const { integrity: lines, foreignKeys } = await integrity(db);
  let prev = GENESIS_HASH;
  let entries = 0;
  let broken: VerifyResult['broken'] = null;
  for await (const row of streamLog(db)) {
    entries++;
    if (broken) continue;
    const where = { id: row.id, order_id: row.order_id, created_at: row.created_at };
    if (row.prev_hash !== prev) broken = { ...where, why: 'it does not follow the entry before it (an entry was removed or inserted)' };
    else if (entryHash(prev, row) !== row.hash) broken = { ...where, why: 'its content was changed after it was written' };
    prev = row.hash;
  }
  return { integrity: lines, foreignKeys, entries, broken };
}
