import { addDays, isValidDate } from './dates.js';
import { UsageError } from './errors.js';

/** Words for a day relative to today, in both languages: an `en` shop's owner may still type "besok". */
const RELATIVE: Record<string, number> = { today: 0, 'hari ini': 0, tomorrow: 1, besok: 1, lusa: 2 };

/** The forms a date may take in a shop of this locale, for refusals. */
export function dateForms(locale: string): string {
  return locale.startsWith('id')
    ? 'YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY, hari ini, besok, lusa, a weekday (sabtu, saturday) or +Nd (e.g. +3d)'
    : 'YYYY-MM-DD, today, tomorrow, a weekday (saturday, sabtu) or +Nd (e.g. +3d)';
}

/**
 * A date as the owner types it (SPEC 14). ISO dates and the relative words are read here;
 * day names and day-first dates go through dayjs, loaded only when such a form is typed so
 * that every other command starts without it.
 */
export async function parseTypedDate(text: string, today: string, locale: string, what = 'date'): Promise<string> {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const days = RELATIVE[t];
  if (days !== undefined) return addDays(today, days);
  const rel = /^\+(\d{1,4})d$/.exec(t);
  if (rel) return addDays(today, Number(rel[1]));
  if (isValidDate(t)) return t;
  if (/^\d{1,2}([/-])\d{1,2}\1\d{4}$/.test(t) && !locale.startsWith('id')) {
    throw new UsageError(`Invalid ${what} "${text}": a day-month date is ambiguous in an en shop (is 03/04 March or April?); use ${dateForms(locale)}.`);
  }
  const { readDayjsDate } = await import('./typed-date-dayjs.js');
  const date = readDayjsDate(t, today);
  if (date === null) throw new UsageError(`Invalid ${what} "${text}": use ${dateForms(locale)}.`);
  return date;
}

/** A day the shop promises (a pickup, a delivery): read as parseTypedDate reads it, and never before today. */
export async function parseComingDate(text: string, today: string, locale: string, what: string): Promise<string> {
  const date = await parseTypedDate(text, today, locale, what);
  if (date < today) throw new UsageError(`Invalid ${what} ${date}: it is before today (${today}).`);
  return date;
}
