import { describe, expect, it } from 'vitest';
import { addDays, dateIn, isIsoDate, startOfDay } from '../../src/shared/dates.js';

describe('calendar days in a time zone', () => {
  it('finds the start of a day in UTC, ahead of and behind Greenwich, across DST', () => {
    expect(startOfDay('2026-11-27', 'UTC').toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(startOfDay('2026-11-27', 'Europe/Berlin').toISOString()).toBe('2026-11-26T23:00:00.000Z');
    expect(startOfDay('2026-07-01', 'Europe/Berlin').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfDay('2026-11-27', 'America/New_York').toISOString()).toBe('2026-11-27T05:00:00.000Z');
    expect(startOfDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z'); // DST starts that night
    expect(startOfDay('2026-11-27', 'Asia/Kolkata').toISOString()).toBe('2026-11-26T18:30:00.000Z');
  });

  it('names the local date of an instant', () => {
    expect(dateIn('UTC', new Date('2026-11-27T23:30:00Z'))).toBe('2026-11-27');
    expect(dateIn('Europe/Berlin', new Date('2026-11-27T23:30:00Z'))).toBe('2026-11-28');
    expect(dateIn('America/New_York', new Date('2026-11-27T03:00:00Z'))).toBe('2026-11-26');
  });

  it('validates and steps dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
