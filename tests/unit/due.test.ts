import { describe, expect, it } from 'vitest';
import { dueOn, moveDue } from '../../src/core/due.ts';
import { parseComingDate } from '../../src/core/typed-date.ts';

describe('the day an order leaves the shop', () => {
  const pickup = { fulfilment: 'pickup', pickup_date: '2026-12-04', delivery_eta: null };
  const delivered = { fulfilment: 'delivery', pickup_date: '2026-12-04', delivery_eta: '2026-12-06' };

  it('is the pickup date, or a delivery’s ETA (its pickup date when none was set)', () => {
    expect(dueOn(pickup)).toBe('2026-12-04');
    expect(dueOn(delivered)).toBe('2026-12-06');
    expect(dueOn({ ...delivered, delivery_eta: null })).toBe('2026-12-04');
  });

  it('moves as one: a delivery’s ETA with its pickup date, a pickup order’s date alone', () => {
    expect(moveDue(pickup, '2026-12-09')).toEqual({ pickup_date: '2026-12-09' });
    expect(moveDue(delivered, '2026-12-09')).toEqual({ pickup_date: '2026-12-09', delivery_eta: '2026-12-09' });
  });

  it('is never promised in the past: a typed day before today is bad input, today and later are kept', async () => {
    await expect(parseComingDate('2026-12-01', '2026-12-02', 'id', 'pickup date')).rejects.toThrow('Invalid pickup date 2026-12-01: it is before today (2026-12-02).');
    expect(await parseComingDate('hari ini', '2026-12-02', 'id', 'pickup date')).toBe('2026-12-02');
    expect(await parseComingDate('+3d', '2026-12-02', 'en', '--eta')).toBe('2026-12-05');
  });
});
