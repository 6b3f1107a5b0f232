import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineOf } from '../../src/db/engine.ts';
import { displayTarget, isPostgresUrl } from '../../src/db/open.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { readTransaction, writeTransaction } from '../../src/db/tx.ts';

describe('the store', () => {
  it('a query on the outer handle inside a transaction fails at once instead of waiting forever', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orders-engine-'));
    const engine = openSqlite(join(dir, 'o.db'), false);
    try {
      const slip = writeTransaction(engine.db, async (trx) => {
        await trx.insertInto('settings').values({ key: 'shop.name', value: 'Toko' }).execute();
        return engine.db.selectFrom('settings').selectAll().execute();
      });
      await expect(slip).rejects.toThrow(/outer database handle inside a transaction/);
      // Rolled back, and the handle works again once the transaction is over.
      expect(await engine.db.selectFrom('settings').select('key').where('key', '=', 'shop.name').execute()).toEqual([]);
      // The transaction's handle knows its engine; a dry run does the work and rolls it back.
      expect(await readTransaction(engine.db, async (trx) => engineOf(trx).kind)).toBe('sqlite');
      const n = await writeTransaction(engine.db, async (trx) => {
        await trx.insertInto('settings').values({ key: 'shop.name', value: 'Toko' }).execute();
        return (await trx.selectFrom('settings').selectAll().execute()).length;
      }, { dryRun: true });
      expect(n).toBe(2);
      expect(await engine.db.selectFrom('settings').select('key').execute()).toEqual([{ key: 'timezone' }]);
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a database URL without its password', () => {
    expect(displayTarget('postgres://toko:s3cret@db.local:5432/toko')).toBe('postgres://toko@db.local:5432/toko');
    expect(displayTarget('postgresql://toko:p%40ss@db.local/toko?sslmode=require')).toBe('postgresql://toko@db.local/toko?sslmode=require');
    expect(displayTarget('postgres://toko@db.local/toko')).toBe('postgres://toko@db.local/toko');
    expect(displayTarget('/home/toko/orders.db')).toBe('/home/toko/orders.db');
    expect([isPostgresUrl('postgres://x/y'), isPostgresUrl('POSTGRESQL://x/y'), isPostgresUrl('./postgres.db')]).toEqual([true, true, false]);
  });
});
