import { describe, expect, it } from 'vitest';
import { addDays, dateIn, daysBetween, isoInZone, isValidDate, parseDateInput, parseNow } from '../../src/core/dates.ts';

describe('calendar dates', () => {
  it('validates real dates only', () => {
    expect(isValidDate('2026-02-28')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2026-1-01')).toBe(false);
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
    const t = parseNow('2026-12-01', 'Asia/Jakarta');
    expect(isoInZone(t, 'Asia/Jakarta')).toBe('2026-12-01T00:00:00+07:00');
    expect(dateIn(t, 'Asia/Jakarta')).toBe('2026-12-01');
    expect(dateIn(t, 'UTC')).toBe('2026-11-30');
  });
  it('keeps an explicit offset', () => {
    const t = parseNow('2026-12-01T23:30:00Z', 'Asia/Jakarta');
    expect(dateIn(t, 'Asia/Jakarta')).toBe('2026-12-02');
    expect(isoInZone(t, 'America/New_York')).toBe('2026-12-01T18:30:00-05:00');
  });
  it('refuses a malformed value', () => {
    for (const bad of ['2026-12-32', 'yesterday', '2026-12-01T25:00', '12/01/2026']) {
      expect(() => parseNow(bad, 'UTC')).toThrow(/Invalid --now/);
    }
  });
});
