import type Sqlite from 'better-sqlite3';
import { digestOf, GENESIS, linkHash, type Source } from './evidence-hash.js';

/**
 * Steps of a migration that SQL alone cannot do, by version; each runs inside the migration's
 * transaction, after that version's SQL files (migrations/N/*.sql). SQLite only: PostgreSQL
 * databases begin at version 2 (schema.pg.sql).
 */
export const MIGRATION_STEPS: Record<number, ((raw: Sqlite.Database) => void)[]> = {
  2: [chainExistingRows],
};

/**
 * Version 2 chains what a version-1 file already holds (issue 14): the communication log,
 * the ledger and the events in id order, then each order's current state. Rows are read
 * a page at a time, so a large file migrates in flat memory.
 */
function chainExistingRows(raw: Sqlite.Database): void {
  const head = raw.prepare('SELECT count, hash FROM evidence_head WHERE id = 1').get() as { count: number; hash: string } | undefined;
  let count = head?.count ?? 0;
  let hash = head?.hash ?? GENESIS;
  const insert = raw.prepare('INSERT INTO evidence (seq, source, row_id, digest, hash) VALUES (?, ?, ?, ?, ?)');
  const sources: Source[] = ['communications', 'ledger', 'events', 'orders'];
  for (const source of sources) {
    for (let from = 0; ;) {
      const rows = raw.prepare(`SELECT * FROM ${source} WHERE id > ? ORDER BY id LIMIT 5000`).all(from) as Record<string, unknown>[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const digest = digestOf(source, row);
        hash = linkHash(hash, digest);
        insert.run(++count, source, row.id, digest, hash);
      }
      from = rows[rows.length - 1]!.id as number;
    }
  }
  raw.prepare('UPDATE evidence_head SET count = ?, hash = ? WHERE id = 1').run(count, hash);
}
