import { describe, expect, it } from 'vitest';
import { nextAttemptAt } from '../../src/news/backoff.js';

const now = new Date('2026-12-06T12:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const wait = (errors: number, retryAfterMs?: number) => nextAttemptAt(errors, now, retryAfterMs).getTime() - now.getTime();

describe('the backoff of a failing feed', () => {
  it('doubles from 30 minutes with each error in a row, up to a day', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => wait(n))).toEqual([30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 16 * HOUR, 24 * HOUR]);
    // The cap holds however long a feed has failed (2 ** 59 half-hours is no date at all).
    expect(wait(10)).toBe(24 * HOUR);
    expect(wait(60)).toBe(24 * HOUR);
  });

  it("waits as long as the server's Retry-After asks when that is longer, but never more than a day", () => {
    expect(wait(1, 2 * HOUR)).toBe(2 * HOUR);
    expect(wait(3, HOUR)).toBe(2 * HOUR); // the backoff is longer
    expect(wait(1, 2 * 24 * HOUR)).toBe(24 * HOUR);
  });
});
