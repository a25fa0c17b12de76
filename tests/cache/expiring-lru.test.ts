import { describe, expect, it } from 'vitest';
import { ExpiringLru } from '../../src/cache/expiring-lru.js';

describe('ExpiringLru', () => {
  const until = (value: { until: number }) => value.until;

  it('forgets the least recently used entry past its capacity', () => {
    const lru = new ExpiringLru<string, { until: number }>(2, until);
    lru.set('a', { until: 100 }, 0);
    lru.set('b', { until: 100 }, 0);
    lru.get('a', 1);
    lru.set('c', { until: 100 }, 1);
    expect([lru.get('a', 2), lru.get('b', 2), lru.get('c', 2)].map(Boolean)).toEqual([true, false, true]);
    expect(lru.size).toBe(2);
  });

  it('answers nothing for an expired entry, and sweeps expired ones as new ones arrive', () => {
    const lru = new ExpiringLru<number, { until: number }>(1000, until);
    for (let i = 0; i < 100; i++) lru.set(i, { until: 10 }, 0);
    expect(lru.get(5, 9)).toBeDefined();
    expect(lru.get(6, 10)).toBeUndefined();
    for (let i = 100; i < 200; i++) lru.set(i, { until: 20 }, 11);
    // Each set sweeps up to four expired entries: the hundred stale ones are gone.
    expect(lru.size).toBe(100);
  });
});
