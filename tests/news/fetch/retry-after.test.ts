import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/news/fetch/retry-after.js';

const now = Date.parse('2024-06-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 30 ', 30_000],
    ['Sat, 01 Jun 2024 12:01:30 GMT', 90_000],
    ['Sat, 01 Jun 2024 11:00:00 GMT', 0], // a date in the past means "now"
    ['999999', 24 * 60 * 60 * 1000], // capped at a day
    ['Fri, 01 Jun 2035 12:00:00 GMT', 24 * 60 * 60 * 1000],
  ])('%s → %d ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([undefined, '', 'soon', '-5', '1.5'])('ignores %s', (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});
