import { describe, expect, it } from 'vitest';
import { longDate, rfc3339, rfc822 } from '../../src/feeds/dates.js';

describe('feed dates', () => {
  it('formats RFC 822 dates with a two-digit day, English names and GMT', () => {
    expect(rfc822(new Date('2026-11-27T00:05:00Z'))).toBe('Fri, 27 Nov 2026 00:05:00 GMT');
    expect(rfc822(new Date('2026-12-04T23:59:59.999Z'))).toBe('Fri, 04 Dec 2026 23:59:59 GMT');
  });

  it('formats RFC 3339 dates in UTC', () => {
    expect(rfc3339(new Date('2026-11-27T00:05:00Z'))).toBe('2026-11-27T00:05:00.000Z');
  });

  it('writes edition dates out in words, the same on every machine', () => {
    expect(longDate('2026-11-27')).toBe('27 November 2026');
    expect(longDate('2027-01-03')).toBe('3 January 2027');
  });

  it('refuses invalid dates instead of printing "Invalid Date" into a feed', () => {
    expect(() => rfc822(new Date('nope'))).toThrow(RangeError);
    expect(() => rfc3339(new Date('nope'))).toThrow(RangeError);
    expect(() => longDate('2026-13-01')).toThrow(RangeError);
    expect(() => longDate('27/11/2026')).toThrow(RangeError);
  });
});
