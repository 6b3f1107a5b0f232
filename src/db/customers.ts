import { sql } from 'kysely';
import { inChunks } from './chunks.js';
import { fragments } from './dialect.js';
import type { DB } from './types.js';

export interface CustomerRow {
  id: number;
  name: string;
  phone: string;
  blacklisted: boolean;
}

/** Whether the customer in column `customerId` is blacklisted now: the one way every query asks it. */
export function isBlacklisted(customerId: string) {
  return sql<number>`EXISTS (SELECT 1 FROM blacklist b WHERE b.customer_id = ${sql.ref(customerId)} AND b.lifted_at IS NULL)`;
}

export const blacklistedExpr = isBlacklisted('customers.id');

export async function findCustomer(db: DB, by: { id: number } | { phone: string }): Promise<CustomerRow | undefined> {
  const row = await db.selectFrom('customers')
    .select(['id', 'name', 'phone', blacklistedExpr.as('blacklisted')])
    .where('id' in by ? 'id' : 'phone', '=', 'id' in by ? by.id : by.phone)
    .executeTakeFirst();
  return row && { ...row, blacklisted: row.blacklisted === 1 };
}

/**
 * The customer with this phone, created as needed. A known customer keeps the name on file
 * (names are never changed silently: renaming is `orders customers set`); it is returned so
 * the caller can say so when the name given differs.
 */
export async function upsertCustomer(db: DB, name: string, phone: string, createdAt: string): Promise<{ id: number; name: string }> {
  const found = await db.selectFrom('customers').select(['id', 'name']).where('phone', '=', phone).executeTakeFirst();
  if (found) return found;
  const row = await db.insertInto('customers').values({ name, phone, created_at: createdAt }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, name };
}

export async function renameCustomer(db: DB, id: number, name: string): Promise<void> {
  await db.updateTable('customers').set({ name }).where('id', '=', id).execute();
}

/** Customers whose name or phone contains the term, for the phone prompt's autocomplete. */
export async function searchCustomers(db: DB, term: string, limit: number): Promise<{ id: number; name: string; phone: string }[]> {
  const like = `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const digits = term.replace(/\D/g, '');
  const { like: op } = fragments(db);
  return db.selectFrom('customers').select(['id', 'name', 'phone'])
    .where((eb) => eb.or([
      sql<boolean>`name ${op} ${like} ESCAPE '\\'`,
      ...(digits.length >= 3 ? [sql<boolean>`phone LIKE ${`%${digits.replace(/^0/, '')}%`}`] : []),
    ]))
    .orderBy('name').limit(limit).execute();
}

/** Name and phone by customer id, for lines that print them. */
export async function customersByIds(db: DB, ids: readonly number[]): Promise<Map<number, { name: string; phone: string }>> {
  const rows = await inChunks(ids, (slice) => db.selectFrom('customers').select(['id', 'name', 'phone']).where('id', 'in', slice).execute());
  return new Map(rows.map((r) => [r.id, { name: r.name, phone: r.phone }]));
}

/** A customer's own salutation and message language (SPEC 14); undefined leaves a value as it is. */
export async function setCustomerVoice(db: DB, id: number, voice: { salutation?: string; lang?: string }): Promise<void> {
  if (voice.salutation === undefined && voice.lang === undefined) return;
  await db.updateTable('customers').set(voice).where('id', '=', id).execute();
}

export async function customerVoice(db: DB, id: number): Promise<{ salutation: string | null; lang: string | null }> {
  return db.selectFrom('customers').select(['salutation', 'lang']).where('id', '=', id).executeTakeFirstOrThrow();
}
