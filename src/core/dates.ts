import { UsageError } from './errors.js';


/**
 * Calendar dates are 'YYYY-MM-DD' strings; arithmetic goes through UTC epoch days, so the
 * machine's time zone never enters. The shop's "today" is computed once, by the caller.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const month = Number(m[2]);
  const d = Number(m[3]);
  if (month < 1 || month > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (month === 2 ? (leap ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!);
}

/** Days since 1970-01-01 for a 'YYYY-MM-DD' (integer civil-date arithmetic, no Date objects: the sweep calls this a million times). */
function toDay(date: string): number {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Day numbers and their text, remembered: a sweep over 100,000 orders meets a few dozen distinct dates. */
const dayOf = new Map<string, number>();
const textOf = new Map<number, string>();

export function addDays(date: string, n: number): string {
  let day = dayOf.get(date);
  if (day === undefined) {
    if (dayOf.size >= 4096) dayOf.clear();
    day = toDay(date);
    dayOf.set(date, day);
  }
  let text = textOf.get(day + n);
  if (text === undefined) {
    if (textOf.size >= 4096) textOf.clear();
    text = fromDay(day + n);
    textOf.set(day + n, text);
  }
  return text;
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

/**
 * Minutes east of UTC at an instant, in the shop's zone. The core takes it as a function and
 * never reads a zone database itself; src/context.ts makes it.
 */
export type Offset = (instantMs: number) => number;

/** The calendar date of an instant in a time zone. */
export function dateIn(instantMs: number, offset: Offset): string {
  return new Date(instantMs + offset(instantMs) * 60_000).toISOString().slice(0, 10);
}

/** ISO 8601 with the zone's offset: 2026-11-25T09:30:00+07:00. */
export function isoInZone(instantMs: number, offset: Offset): string {
  const off = offset(instantMs);
  const wall = new Date(Math.floor(instantMs / 1000) * 1000 + off * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(off);
  return `${wall}${off < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * --now: a date (the first instant of that day in the shop's zone), a local date-time (in the
 * shop's zone) or a date-time with an offset (at most ±14:00) or Z. Returns epoch milliseconds.
 */
export function parseNow(text: string, offset: Offset): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  const digits = m?.[7]?.slice(1).replace(':', '');
  const zoneMinutes = digits ? Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)) : 0;
  if (!m || !isValidDate(`${m[1]}-${m[2]}-${m[3]}`) || Number(m[4] ?? 0) > 23 || Number(m[5] ?? 0) > 59 || Number(m[6] ?? 0) > 59
    || (digits && (Number(digits.slice(2)) > 59 || zoneMinutes > 14 * 60))) {
    throw new UsageError(`Invalid --now "${text}": use YYYY-MM-DD or an ISO date-time such as 2026-12-01T09:00:00+07:00 (offsets from -14:00 to +14:00).`);
  }
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  const zone = m[7];
  if (zone === 'Z') return wall;
  if (zone) return wall - (zone[0] === '-' ? -1 : 1) * zoneMinutes * 60_000;
  if (m[4] === undefined) return startOfDay(date, wall, offset);
  // A wall time in the shop's zone: correct by the offset, twice to settle DST edges.
  const guess = wall - offset(wall) * 60_000;
  return wall - offset(guess) * 60_000;
}

/**
 * The first instant of a day in the zone, found by bisecting minutes: where midnight does not
 * exist (America/Santiago springs from 00:00 to 01:00) the day begins at the change. Every
 * zone's day begins between 14 hours before and 12 hours after UTC midnight of that date.
 */
function startOfDay(date: string, utcMidnight: number, offset: Offset): number {
  let lo = (utcMidnight - 15 * 3_600_000) / 60_000;
  let hi = (utcMidnight + 13 * 3_600_000) / 60_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dateIn(mid * 60_000, offset) >= date) hi = mid;
    else lo = mid;
  }
  return hi * 60_000;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
