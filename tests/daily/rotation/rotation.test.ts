import { describe, expect, it } from 'vitest';
import { pickConcepts } from '../../../src/daily/rotation/index.js';
import type { ConceptForRotation, PastEdition } from '../../../src/daily/types.js';

const SEED = 'test-seed';
const COUNT = 5;
const SEEDED_AT = new Date('2025-01-01T08:00:00Z');

function concepts(n: number, createdAt = SEEDED_AT, prefix = 'c'): ConceptForRotation[] {
  return Array.from({ length: n }, (_, i) => ({ slug: `${prefix}${String(i + 1).padStart(2, '0')}`, createdAt }));
}

function dateAfter(start: string, days: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Builds `days` editions one after another, each from the ones before, as the cron would. */
function run(days: number, pool: (date: string) => ConceptForRotation[], seed = SEED, start = '2025-02-01'): PastEdition[] {
  const history: PastEdition[] = [];
  for (let d = 0; d < days; d += 1) {
    const date = dateAfter(start, d);
    history.push({ date, conceptSlugs: pickConcepts(history, pool(date), { date, count: COUNT, seed }) });
  }
  return history;
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

describe('pickConcepts', () => {
  const all = concepts(23);
  // 14 editions × 5 = 70 slots: three full cycles of 23 and one into the fourth.
  const history = run(14, () => all);
  const slots = history.flatMap((e) => e.conceptSlugs);

  it('shows every concept once per cycle, over three full cycles', () => {
    const cycles = chunks(slots, 23).slice(0, 3);
    for (const cycle of cycles) expect([...cycle].sort()).toEqual(all.map((c) => c.slug));
  });

  it('never repeats a concept inside one edition, even at a cycle boundary', () => {
    for (const edition of history) {
      expect(edition.conceptSlugs).toHaveLength(COUNT);
      expect(new Set(edition.conceptSlugs).size).toBe(COUNT);
    }
    // Slots 23, 46 and 69 start a cycle in the middle of editions 5, 10 and 14: the editions that
    // end one cycle and begin the next still hold five different concepts.
    expect(history.filter((_, i) => [4, 9, 13].includes(i)).every((e) => new Set(e.conceptSlugs).size === COUNT)).toBe(true);
  });

  it('orders each cycle differently', () => {
    const [first, second, third] = chunks(slots, 23);
    expect(second).not.toEqual(first);
    expect(third).not.toEqual(second);
  });

  it('gives the same concepts for the same inputs, and different ones for another seed', () => {
    expect(run(14, () => all)).toEqual(history);
    const other = run(14, () => all, 'another-seed');
    expect(other.map((e) => e.conceptSlugs)).not.toEqual(history.map((e) => e.conceptSlugs));
    expect([...chunks(other.flatMap((e) => e.conceptSlugs), 23)[0]!].sort()).toEqual(all.map((c) => c.slug));
  });

  it('rebuilds a past date the same way, ignoring editions on or after it, in any order', () => {
    const date = history[7]!.date;
    const shuffled = [...history].reverse();
    expect(pickConcepts(shuffled, all, { date, count: COUNT, seed: SEED })).toEqual(history[7]!.conceptSlugs);
    const next = dateAfter(history[13]!.date, 1);
    expect(pickConcepts(shuffled, all, { date: next, count: COUNT, seed: SEED })).toEqual(
      pickConcepts(history, all, { date: next, count: COUNT, seed: SEED }),
    );
  });

  it('adds concepts created mid-cycle to the next cycle, not the current one', () => {
    const added = concepts(3, new Date('2025-02-02T10:00:00Z'), 'new');
    const pool = (date: string) => (date >= '2025-02-02' ? [...all, ...added] : all);
    const slotsWithNew = run(12, pool).flatMap((e) => e.conceptSlugs);
    const newSlugs = added.map((c) => c.slug);
    expect(slotsWithNew.slice(0, 23).filter((s) => newSlugs.includes(s))).toEqual([]);
    expect([...slotsWithNew.slice(0, 23)].sort()).toEqual(all.map((c) => c.slug));
    const secondCycle = slotsWithNew.slice(23, 49);
    expect([...secondCycle].sort()).toEqual([...all, ...added].map((c) => c.slug).sort());
  });

  it('carries on when a concept is removed mid-cycle, and never shows it again', () => {
    const removed = ['c07', 'c13'];
    const remaining = all.filter((c) => !removed.includes(c.slug)).map((c) => c.slug);
    const editions = run(14, (date) => (date >= '2025-02-03' ? all.filter((c) => remaining.includes(c.slug)) : all));
    const slotsAll = editions.flatMap((e) => e.conceptSlugs);
    const shownBefore = editions.filter((e) => e.date < '2025-02-03').flatMap((e) => e.conceptSlugs);
    const shownAfter = slotsAll.slice(shownBefore.length);
    expect(shownAfter.filter((s) => removed.includes(s))).toEqual([]);

    // The first cycle ends once every remaining concept has been shown, then the next shows each once.
    const firstLength = remaining.length + shownBefore.filter((s) => removed.includes(s)).length;
    const first = slotsAll.slice(0, firstLength);
    expect(new Set(first).size).toBe(firstLength);
    expect(remaining.every((s) => first.includes(s))).toBe(true);
    expect([...slotsAll.slice(firstLength, firstLength + remaining.length)].sort()).toEqual(remaining);
  });

  it('returns all the concepts, once each, when there are fewer than the count', () => {
    const few = concepts(3);
    const editions = run(4, () => few);
    for (const edition of editions) expect([...edition.conceptSlugs].sort()).toEqual(['c01', 'c02', 'c03']);
    expect(pickConcepts([], [], { date: '2025-02-01', count: COUNT, seed: SEED })).toEqual([]);
  });

  it('works on a fresh install: concepts seeded the same day as the first edition', () => {
    const today = concepts(8, new Date('2025-02-01T09:30:00Z'));
    expect(pickConcepts([], today, { date: '2025-02-01', count: COUNT, seed: SEED })).toHaveLength(COUNT);
    expect(pickConcepts([], today, { date: '2025-01-20', count: COUNT, seed: SEED })).toHaveLength(COUNT);
  });
});
