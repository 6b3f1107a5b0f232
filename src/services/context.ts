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
  /** the language of messages to customers */
  lang: 'en' | 'id';
}
