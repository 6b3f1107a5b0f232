import { RefusedError } from '../core/errors.js';
import { clearSeeded, COPY_ORDER, copyTable, rowsIn, tablesOf } from '../db/copy.js';
import { openStore } from '../db/open.js';
import { readTransaction } from '../db/tx.js';
import type { ServiceContext } from './context.js';

export interface CopyResult {
  /** where the copy went, without any password */
  to: string;
  tables: { table: string; rows: number }[];
}

/**
 * The whole shop into another database (SQLite to PostgreSQL or back), ids and hashes as they
 * are, from one read snapshot into one transaction on the target: all or nothing. A target
 * that holds anything but a new database's time zone is refused, so nothing is ever merged.
 */
export async function copyShop(ctx: ServiceContext, target: string): Promise<CopyResult> {
  const dest = await openStore(target, false);
  try {
    const [source, destination] = await Promise.all([tablesOf(ctx.db), tablesOf(dest.db)]);
    const unknown = [...source.keys()].filter((t) => !(COPY_ORDER as readonly string[]).includes(t));
    if (unknown.length) throw new Error(`copy does not know the table${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
    const tables = COPY_ORDER.filter((t) => source.has(t));
    for (const t of tables) {
      if (destination.get(t)?.join() !== source.get(t)!.join()) {
        throw new RefusedError(`Cannot copy into ${dest.location}: its table ${t} differs from this database's (another version of orders?).`);
      }
    }
    const copied = await readTransaction(ctx.db, (from) => dest.write(async (to) => {
      if ((await rowsIn(to, tables)) > 0) {
        throw new RefusedError(`Cannot copy into ${dest.location}: it already holds a shop's data; name a new or empty database.`);
      }
      await clearSeeded(to);
      const out: CopyResult['tables'] = [];
      for (const t of tables) out.push({ table: t, rows: await copyTable(from, to, t, source.get(t)!) });
      return out;
    }));
    return { to: dest.location, tables: copied };
  } finally {
    await dest.close();
  }
}
