import { describe, expect, it } from 'vitest';
import { sqliteStorageError } from '../../src/db/sqlite.ts';
import { reportError } from '../../src/output/errors.ts';

const stderrOf = (err: unknown) => {
  let text = '';
  const code = reportError(err, { write: (s: string) => { text += s; return true; } } as unknown as NodeJS.WritableStream, {});
  return [code, text];
};

describe('a busy database, whichever code says so', () => {
  for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_TIMEOUT', '55P03']) {
    it(`${code} is the busy sentence, exit 1, and not a refused statement`, () => {
      const err = Object.assign(new Error('database is locked'), { code });
      expect(sqliteStorageError('shop.db', err)).toBeUndefined();
      expect(stderrOf(err)).toEqual([1, 'orders: the database is busy (another orders command is writing); try again in a moment.\n']);
    });
  }

  it('another SQLite error is the store refusing the command, naming the file', () => {
    const refused = sqliteStorageError('shop.db', Object.assign(new Error('no such table: ledger'), { code: 'SQLITE_ERROR' }));
    expect(refused?.message).toContain('The database shop.db refused this command (no such table: ledger)');
  });
});
