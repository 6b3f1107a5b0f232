import type { Offset } from '../core/dates.js';
import type { Currency } from '../core/money.js';
import type { Settings } from '../core/settings.js';
import { readTransaction, writeTransaction } from '../db/tx.js';
import type { DB } from '../db/types.js';

/** What a service needs to know about the moment and the shop; no terminal, no globals. */
export interface ServiceContext {
  db: DB;
  /** the instant, ISO 8601 with the shop's offset */
  nowIso: string;
  /** the shop's calendar date */
  today: string;
  /** the shop's zone: minutes east of UTC at an instant */
  offset: Offset;
  settings: Settings;
  currency: Currency;
  locale: string;
  /** the language of messages to customers: --lang, else the shop's setting */
  lang: 'en' | 'id';
  /** set when --lang was given: it then wins over a customer's own language */
  langGiven?: boolean;
}

/** The context with its db bound to a transaction; every other field is the caller's. */
function bound<C extends ServiceContext>(ctx: C, trx: DB): C {
  return Object.create(ctx, { db: { value: trx, enumerable: true } }) as C;
}

/**
 * A write transaction handed to the service as a context of its own: inside fn, `ctx.db` is
 * the transaction. Name fn's parameter `ctx`, and the outer handle, on which a query would wait
 * forever behind SQLite's one connection, is out of reach.
 */
export function inWrite<C extends ServiceContext, T>(ctx: C, fn: (ctx: C) => Promise<T>, opts: { dryRun?: boolean | (() => boolean) } = {}): Promise<T> {
  return writeTransaction(ctx.db, (trx) => fn(bound(ctx, trx)), opts);
}

/** A read transaction (one snapshot for every statement), handed over as inWrite hands a write. */
export function inRead<C extends ServiceContext, T>(ctx: C, fn: (ctx: C) => Promise<T>): Promise<T> {
  return readTransaction(ctx.db, (trx) => fn(bound(ctx, trx)));
}
