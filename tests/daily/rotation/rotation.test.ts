import { describe, expect, it } from 'vitest';
import { conceptsForDate } from '../../../src/daily/rotation/index.js';
import type { ConceptForRotation } from '../../../src/daily/types.js';
import { seededRandom } from '../../support/random.js';

const options = { count: 5, seed: 'test-seed' };
const SEEDED_AT = new Date('2025-01-01T08:00:00Z');
/** Cycles are counted from 2020-01-01 (src/daily/rotation): with 25 concepts each lasts five days. */
const EPOCH = '2020-01-01';

function concepts(n: number, createdAt = SEEDED_AT, prefix = 'c'): ConceptForRotation[] {
  return Array.from({ length: n }, (_, i) => ({ slug: `${prefix}${String(i + 1).padStart(2, '0')}`, createdAt }));
}

function dateAfter(start: string, days: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const days = (start: string, n: number, pool: ConceptForRotation[], opts = options) =>
  Array.from({ length: n }, (_, i) => conceptsForDate(dateAfter(start, i), pool, opts));

describe('conceptsForDate', () => {
  it('is a function of the date: dates asked in any order get the same concepts', () => {
    const all = concepts(23);
    const dates = Array.from({ length: 60 }, (_, i) => dateAfter('2025-02-01', i));
    const inOrder = new Map(dates.map((d) => [d, conceptsForDate(d, all, options)]));
    const next = seededRandom(4);
    const shuffled = [...dates].sort(() => next() - 0.5);
    for (const d of shuffled) expect(conceptsForDate(d, all, options)).toEqual(inOrder.get(d));
  });

  it('shows every concept once per cycle when the library divides evenly (25 concepts: five-day cycles from the epoch)', () => {
    const all = concepts(25);
    const slugs = all.map((c) => c.slug);
    for (let cycle = 0; cycle < 8; cycle += 1) {
      const start = dateAfter(EPOCH, 5 * (300 + cycle));
      const shown = days(start, 5, all).flat();
      expect([...shown].sort()).toEqual(slugs);
    }
  });

  it('shows every concept before any repeats when it does not (23: the last day repeats two of the first two days)', () => {
    const all = concepts(23);
    const slugs = all.map((c) => c.slug);
    for (let cycle = 0; cycle < 8; cycle += 1) {
      const shown = days(dateAfter(EPOCH, 5 * (300 + cycle)), 5, all).flat();
      expect(new Set(shown.slice(0, 23)).size).toBe(23);
      expect([...new Set(shown)].sort()).toEqual(slugs);
      expect(shown.slice(0, 10)).toEqual(expect.arrayContaining(shown.slice(23)));
    }
  });

  it('never repeats a concept inside one edition or on two days in a row', () => {
    const all = concepts(23);
    const run = days('2025-02-01', 120, all);
    for (const [i, picked] of run.entries()) {
      expect(new Set(picked).size).toBe(5);
      if (i > 0) expect(picked.filter((s) => run[i - 1]!.includes(s))).toEqual([]);
    }
  });

  it('orders each cycle differently, and differently for another seed', () => {
    const all = concepts(25);
    const first = days(dateAfter(EPOCH, 1500), 5, all).flat();
    const second = days(dateAfter(EPOCH, 1505), 5, all).flat();
    expect(second).not.toEqual(first);
    expect(days(dateAfter(EPOCH, 1500), 5, all, { ...options, seed: 'other' }).flat()).not.toEqual(first);
  });

  it('works for dates before the epoch and on a fresh install (concepts seeded the same day)', () => {
    const today = concepts(25, new Date('2025-02-01T09:30:00Z'));
    expect(conceptsForDate('2025-02-01', today, options)).toHaveLength(5);
    expect(conceptsForDate('2019-12-28', today, options)).toHaveLength(5);
    expect([...days('2019-12-27', 5, today).flat()].sort()).toEqual(today.map((c) => c.slug)); // cycle -1: five days before the epoch
  });

  it('adds a concept created later to the first cycle that begins after its day, leaving earlier dates as they were', () => {
    const all = concepts(25);
    const added = concepts(3, new Date('2025-02-03T10:00:00Z'), 'new');
    const before = days('2025-01-20', 40, all);
    const after = days('2025-01-20', 40, [...all, ...added]);
    const firstWithNew = after.findIndex((picked) => picked.some((s) => s.startsWith('new')));
    // Up to the end of the cycle in progress on 2025-02-03 (cycles of 5 days from the epoch), nothing changes.
    const cycleEnd = Math.ceil((Date.parse('2025-02-04') - Date.parse(EPOCH)) / 86_400_000 / 5) * 5;
    const unchanged = (Date.parse(dateAfter(EPOCH, cycleEnd)) - Date.parse('2025-01-20')) / 86_400_000;
    expect(after.slice(0, unchanged)).toEqual(before.slice(0, unchanged));
    expect(firstWithNew).toBeGreaterThanOrEqual(unchanged);
    // The next cycle has 28 members and six days: each once before any repeats.
    const cycle = after.slice(unchanged, unchanged + 6).flat();
    expect(new Set(cycle.slice(0, 28)).size).toBe(28);
  });

  it('returns all the concepts, once each, when there are fewer than the count, and none of none', () => {
    for (const picked of days('2025-02-01', 4, concepts(3))) expect([...picked].sort()).toEqual(['c01', 'c02', 'c03']);
    expect(conceptsForDate('2025-02-01', [], options)).toEqual([]);
  });

  it('drops a removed concept from every date', () => {
    const all = concepts(23);
    const remaining = all.filter((c) => c.slug !== 'c07');
    expect(days('2025-02-01', 30, remaining).flat()).not.toContain('c07');
  });
});
