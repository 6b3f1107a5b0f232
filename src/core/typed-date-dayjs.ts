import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import 'dayjs/locale/id.js';
import { addDays } from './dates.js';

dayjs.extend(customParseFormat);

/**
 * Sunday = 0 ... Saturday = 6, by the names dayjs knows in English and Indonesian and their
 * three-letter forms (dayjs's built-in English has no short names; "sat", "sab" are typed).
 */
const WEEKDAYS = new Map<string, number>();
for (const locale of [dayjs.Ls.en!, dayjs.Ls.id!]) {
  (locale.weekdays ?? []).forEach((name, i) => {
    WEEKDAYS.set(name.toLowerCase(), i);
    WEEKDAYS.set(name.slice(0, 3).toLowerCase(), i);
  });
}

/** D/M/YYYY with or without leading zeros, slashes or dashes. */
const DAY_FIRST = ['DD', 'D'].flatMap((d) => ['MM', 'M'].flatMap((m) => ['/', '-'].map((sep) => `${d}${sep}${m}${sep}YYYY`)));

/**
 * A weekday name (the next such day, never today: "sabtu" typed on a Saturday is a week
 * ahead) or a day-first date, as YYYY-MM-DD; null when the text is neither.
 */
export function readDayjsDate(text: string, today: string): string | null {
  const weekday = WEEKDAYS.get(text.replace(/['’]/g, ''));
  if (weekday !== undefined) {
    const current = dayjs(today, 'YYYY-MM-DD', true).day();
    return addDays(today, (weekday - current + 7) % 7 || 7);
  }
  const d = dayjs(text, DAY_FIRST, true);
  return d.isValid() ? d.format('YYYY-MM-DD') : null;
}
