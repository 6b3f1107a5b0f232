import { describe, expect, it } from 'vitest';
import { currencyOf } from '../../src/core/money.ts';
import { addDays, dateIn, daysBetween, isoInZone, isValidDate, parseDateInput, parseNow } from '../../src/core/dates.ts';
import { zoneOffset as z } from '../../src/context.ts';

describe('calendar dates', () => {
  it('validates real dates only', () => {
    expect(isValidDate('2026-02-28')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2026-1-01')).toBe(false);
    expect(isValidDate('2000-02-29')).toBe(true);
    expect(isValidDate('1900-02-29')).toBe(false);
    for (const bad of ['2026-04-31', '2026-00-10', '2026-13-01', '2026-12-00', '2026-12-32']) expect(isValidDate(bad)).toBe(false);
    for (const good of ['2026-01-31', '2026-04-30', '2026-12-31']) expect(isValidDate(good)).toBe(true);
  });
  it('adds days across months and years', () => {
    expect(addDays('2026-11-29', 3)).toBe('2026-12-02');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-01', '2026-12-08')).toBe(7);
  });
  it('reads what the owner types', () => {
    expect(parseDateInput('today', '2026-11-25')).toBe('2026-11-25');
    expect(parseDateInput('tomorrow', '2026-11-30')).toBe('2026-12-01');
    expect(parseDateInput('+3d', '2026-11-30')).toBe('2026-12-03');
    expect(parseDateInput('2026-12-01', '2026-11-25')).toBe('2026-12-01');
    for (const bad of ['2026-13-01', '1/12/2026', 'next week', '+3', '']) {
      expect(() => parseDateInput(bad, '2026-11-25')).toThrow(expect.objectContaining({ exitCode: 2 }));
    }
  });
});

describe('--now and time zones', () => {
  it('reads a date as the start of that day in the shop zone', () => {
    const t = parseNow('2026-12-01', z('Asia/Jakarta'));
    expect(isoInZone(t, z('Asia/Jakarta'))).toBe('2026-12-01T00:00:00+07:00');
    expect(dateIn(t, z('Asia/Jakarta'))).toBe('2026-12-01');
    expect(dateIn(t, z('UTC'))).toBe('2026-11-30');
  });
  it('keeps an explicit offset', () => {
    const t = parseNow('2026-12-01T23:30:00Z', z('Asia/Jakarta'));
    expect(dateIn(t, z('Asia/Jakarta'))).toBe('2026-12-02');
    expect(isoInZone(t, z('America/New_York'))).toBe('2026-12-01T18:30:00-05:00');
  });
  it('a date whose midnight does not exist begins at the change (America/Santiago, 6 September 2026)', () => {
    const t = parseNow('2026-09-06', z('America/Santiago'));
    expect(isoInZone(t, z('America/Santiago'))).toBe('2026-09-06T01:00:00-03:00');
    expect(dateIn(t, z('America/Santiago'))).toBe('2026-09-06');
    expect(dateIn(t - 1, z('America/Santiago'))).toBe('2026-09-05');
    expect(isoInZone(parseNow('2026-04-05', z('America/Santiago')), z('America/Santiago'))).toBe('2026-04-05T00:00:00-04:00');
  });
  it('refuses a malformed value', () => {
    for (const bad of ['2026-12-32', 'yesterday', '2026-12-01T25:00', '12/01/2026', '2026-12-01T09:00+99:99', '2026-12-01T09:00+14:01', '2026-12-01T09:00-15:00', '2026-12-01T09:00+07:60']) {
      expect(() => parseNow(bad, z('UTC'))).toThrow(/Invalid --now/);
    }
  });
});

describe('zone offsets agree with Intl', () => {
  it.each(['Asia/Jakarta', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Adelaide'])('%s across a year', (tz) => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let day = 0; day < 365; day += 7) {
      const t = Date.UTC(2026, 0, 1, 23, 30) + day * 86_400_000;
      expect(dateIn(t, z(tz))).toBe(fmt.format(new Date(t)));
    }
  });
  it('reads a wall time on a DST change day', () => {
    expect(isoInZone(parseNow('2026-03-08T12:00', z('America/New_York')), z('America/New_York'))).toBe('2026-03-08T12:00:00-04:00');
    expect(isoInZone(parseNow('2026-11-01T00:00', z('America/New_York')), z('America/New_York'))).toBe('2026-11-01T00:00:00-04:00');
  });
  it('matches the Intl digits of common currencies', () => {
    for (const code of ['USD', 'EUR', 'JPY', 'KWD', 'SGD', 'MYR']) {
      const intl = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits;
      expect(currencyOf(code).exponent).toBe(intl);
    }
  });
});

describe('day arithmetic agrees with the calendar', () => {
  it('over four centuries of days', () => {
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2300, 0, 1); t += 86_400_000 * 13) {
      const date = new Date(t).toISOString().slice(0, 10);
      expect(addDays(date, 1)).toBe(new Date(t + 86_400_000).toISOString().slice(0, 10));
      expect(addDays(date, -40)).toBe(new Date(t - 40 * 86_400_000).toISOString().slice(0, 10));
    }
    expect(daysBetween('1999-12-31', '2000-03-01')).toBe(61);
  });
  it('gives the same answer when asked again, however many dates came between', () => {
    const first = addDays('2026-02-27', 2);
    for (let n = 0; n < 10_000; n++) addDays('2026-01-01', n);
    expect([first, addDays('2026-02-27', 2), addDays('2028-02-27', 2)]).toEqual(['2026-03-01', '2026-03-01', '2028-02-29']);
  });
});
