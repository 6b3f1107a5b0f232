import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import { UsageError } from './errors.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Calendar dates are 'YYYY-MM-DD' strings; arithmetic goes through UTC epoch days, so the
 * machine's time zone never enters. The shop's "today" is computed once, by the caller.
 */
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function toDay(date: string): number {
  const m = ISO_DATE.exec(date)!;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return fromDay(toDay(date) + n);
}

/** b - a in days. */
export function daysBetween(a: string, b: string): number {
  return toDay(b) - toDay(a);
}

export function maxDate(...dates: string[]): string {
  return dates.reduce((a, b) => (b > a ? b : a));
}

/** A date as the owner types it: YYYY-MM-DD, today, tomorrow, +3d (relative to today). */
export function parseDateInput(text: string, today: string, what = 'date'): string {
  const t = text.trim().toLowerCase();
  if (t === 'today') return today;
  if (t === 'tomorrow') return addDays(today, 1);
  const rel = /^\+(\d{1,4})d$/.exec(t);
  if (rel) return addDays(today, Number(rel[1]));
  if (isValidDate(t)) return t;
  throw new UsageError(`Invalid ${what} "${text}": use YYYY-MM-DD, today, tomorrow or +Nd (e.g. +3d).`);
}

/** The calendar date of an instant in a time zone. */
export function dateIn(instantMs: number, timeZone: string): string {
  return dayjs(instantMs).tz(timeZone).format('YYYY-MM-DD');
}

/** ISO 8601 with the zone's offset: 2026-11-25T09:30:00+07:00. */
export function isoInZone(instantMs: number, timeZone: string): string {
  return dayjs(instantMs).tz(timeZone).format('YYYY-MM-DDTHH:mm:ssZ');
}

/**
 * --now: a date (the start of that day in the shop's zone), a local date-time (in the shop's
 * zone) or a date-time with an offset or Z. Returns epoch milliseconds.
 */
export function parseNow(text: string, timeZone: string): number {
  const t = text.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (!m || !isValidDate(m[1]!) || Number(m[2] ?? 0) > 23 || Number(m[3] ?? 0) > 59 || Number(m[4] ?? 0) > 59) {
    throw new UsageError(`Invalid --now "${text}": use YYYY-MM-DD or an ISO date-time such as 2026-12-01T09:00:00+07:00.`);
  }
  if (m[5]) return dayjs(t).valueOf();
  const wall = `${m[1]} ${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}`;
  return dayjs.tz(wall, timeZone).valueOf();
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
