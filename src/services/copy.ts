import { RefusedError, UsageError } from '../core/errors.js';
import { COPIED_TABLES, copyHead, copySettings, copyTable, discardNewFile, sameStore, shopDataIn } from '../db/copy.js';
import type { Head } from '../db/evidence.js';
import { openStore, storageError } from '../db/open.js';
import { isPostgresUrl, withoutPassword } from '../db/postgres-url.js';
import { readTransaction, writeTransaction } from '../db/tx.js';
import type { DB } from '../db/types.js';

export interface CopyResult {
  /** rows copied, by table, in the order they were written */
  copied: Record<string, number>;
  from: string;
  to: string;
  /** the chain's head, the same on both sides */
  head: Head;
}

/**
 * Copies the whole shop at `source` into `target`, an SQLite file or a postgres:// URL (SPEC
 * 13): read from one snapshot of the source, written in one transaction on the target, so a
 * failure leaves the target as it was. A target that already holds a shop is refused: two
 * shops' ids and evidence chains cannot be merged.
 */
export async function copyShop(source: { db: DB; path: string }, target: string): Promise<CopyResult> {
  if (target.trim() === '') throw new UsageError('Give --to a database file or a postgres:// URL to copy the shop into.');
  const to = isPostgresUrl(target) ? withoutPassword(target) : target;
  if (sameStore(source.path, target)) throw new UsageError(`Cannot copy ${source.path} onto itself; name another file or database with --to.`);
  const store = await openStore(target, false);
  let failed = true;
  try {
    const result = await readTransaction(source.db, (from) => writeTransaction(store.db, async (into) => {
      await refuseNonEmpty(into, to);
      const copied: Record<string, number> = { settings: await copySettings(from, into) };
      for (const table of COPIED_TABLES) copied[table.name] = await copyTable(from, into, table);
      return { copied, head: await copyHead(from, into) };
    }));
    failed = false;
    return { ...result, from: source.path, to };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
      throw new RefusedError(`${source.path} has rows whose references are broken (\`orders verify\` names them), so it cannot be copied; nothing was written to ${to}.`);
    }
    throw isPostgresUrl(target) ? err : storageError(to, err);
  } finally {
    await store.close();
    // A file made for this copy and left empty by its failure goes again; an existing one is untouched.
    if (failed && store.created && !isPostgresUrl(target)) discardNewFile(target);
  }
}

async function refuseNonEmpty(db: DB, to: string): Promise<void> {
  const held = await shopDataIn(db);
  if (held.orders + held.customers + held.settings + held.others.length === 0) return;
  // A shop is named by its orders and customers; a store without them by what else it holds.
  const what = held.orders + held.customers > 0 ? `${count(held.orders, 'order')}, ${count(held.customers, 'customer')}`
    : [...(held.settings ? [count(held.settings, 'setting')] : []), ...(held.others.length ? [`rows in ${held.others.join(', ')}`] : [])].join(', ');
  throw new UsageError(`${to} already holds orders data (${what}); copy into a new file or an empty database, so that nothing there is overwritten or mixed.`);
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
