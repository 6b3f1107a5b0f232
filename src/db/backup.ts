import Sqlite from 'better-sqlite3';
import { nativeBinding } from './sqlite.js';

/** The pages of an SQLite file (a backup just written). */
export function pageCount(path: string): number {
  const d = new Sqlite(path, { readonly: true, nativeBinding: nativeBinding() });
  try {
    return d.pragma('page_count', { simple: true }) as number;
  } finally {
    d.close();
  }
}
