import { describe, expect, it } from 'vitest';
import { Lru } from '../../src/cache/lru.js';

describe('Lru', () => {
  it('forgets the least recently used entry first, counting reads as use', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now newer than b
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
  });

  it('keeps order right when the newest key is read repeatedly, then others are set', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('b');
    lru.get('b');
    lru.set('c', 3); // evicts a, the oldest
    expect(lru.get('a')).toBeUndefined();
    lru.set('d', 4); // evicts b
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('c'), lru.get('d')]).toEqual([3, 4]);
  });
});
