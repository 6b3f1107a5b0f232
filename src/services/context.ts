import type { Offset } from '../core/dates.js';
import type { Currency } from '../core/money.js';
import type { Settings } from '../core/settings.js';
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
