import { createHash } from 'node:crypto';
import type { ConceptForRotation } from '../types.js';

/**
 * The concepts of a date, as a function of the date alone (and the library), so editions published
 * in any order — a backfill, a rebuild — agree with editions published day by day.
 *
 * Days are numbered (UTC days since 1970) and grouped into cycles from a fixed epoch. A cycle holds
 * the concepts that existed when it began and lasts ⌈members / count⌉ days; its order is a seeded
 * permutation, sha256(`${seed}:${cycle}:${slug}`), and day i of the cycle shows positions
 * i·count … i·count + count − 1. So consecutive dates show every member once before any repeats.
 * The last day, when members do not divide evenly, is filled with concepts of the cycle's first two
 * days (shown weeks before). The first day of a cycle swaps out any concept the day before showed.
 *
 * A concept added later joins the first cycle that begins after the day it was created, so dates
 * already past keep their concepts and the cycle in progress is not reshuffled. The concepts of the
 * first day of the library count as there from the start, so every date has a rotation. A concept
 * deleted or unpublished drops out of every cycle, which shifts the dates not yet published.
 */

const DAY_MS = 86_400_000;
/** 2020-01-01: cycles are counted from here, backwards too. Fixed: moving it reshuffles every date. */
const EPOCH_DAY = Date.UTC(2020, 0, 1) / DAY_MS;

export interface RotationOptions {
  count: number;
  seed: string;
}

interface Cycle {
  index: number;
  start: number;
  /** Members are a prefix of the concepts in creation order. */
  size: number;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** The first day a concept counts in: the day after its creation, or any day for the first day's concepts. */
function joiningDays(concepts: readonly ConceptForRotation[]): number[] {
  const firstDay = Math.floor(concepts[0]!.createdAt.getTime() / DAY_MS);
  return concepts.map((c) => {
    const day = Math.floor(c.createdAt.getTime() / DAY_MS);
    return day === firstDay ? Number.NEGATIVE_INFINITY : day + 1;
  });
}

const membersOn = (joins: readonly number[], day: number) => {
  let n = 0;
  while (n < joins.length && joins[n]! <= day) n += 1;
  return n;
};

function cycleOf(day: number, joins: readonly number[], count: number): { cycle: Cycle; previous: Cycle } {
  const length = (size: number) => Math.max(1, Math.ceil(size / count));
  const base = membersOn(joins, EPOCH_DAY);
  const step = (c: Cycle, by: number, size = c.size): Cycle => ({ index: c.index + by, start: c.start + by * length(c.size), size });
  let cycle: Cycle = { index: 0, start: EPOCH_DAY, size: base };
  if (day < EPOCH_DAY) cycle = step(cycle, Math.floor((day - EPOCH_DAY) / length(base)));
  let previous = step(cycle, -1);
  for (;;) {
    const days = length(cycle.size);
    if (day < cycle.start + days) return { cycle, previous };
    // Cycles that begin before the next concept joins have this cycle's members: skip over them.
    const change = joins.find((j) => j > cycle.start) ?? Number.POSITIVE_INFINITY;
    const same = Math.min(Math.ceil((change - cycle.start) / days) - 1, Math.floor((day - cycle.start) / days));
    if (same >= 1) {
      previous = step(cycle, same - 1);
      cycle = step(cycle, same);
    } else {
      previous = cycle;
      cycle = step(cycle, 1, membersOn(joins, cycle.start + days));
    }
  }
}

function order(cycle: Cycle, slugs: readonly string[], seed: string): string[] {
  const key = (slug: string) => createHash('sha256').update(`${seed}:${cycle.index}:${slug}`).digest('hex');
  return slugs
    .slice(0, cycle.size)
    .map((slug) => [key(slug), slug] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, slug]) => slug);
}

/** Cycles this long or longer start with no concept of the day before (see conceptsForDate). */
const SWAPPING_DAYS = 4;

/**
 * Day `offset` of a cycle in `ordered`. A short last day is filled with concepts of the cycle's
 * first two days, the first by slug: the same whichever way the first-day swap went, so the last
 * day never depends on it (the next cycle checks its first day against it).
 */
function dayOf(ordered: readonly string[], offset: number, count: number): string[] {
  const picked = ordered.slice(offset * count, offset * count + count);
  const days = Math.ceil(ordered.length / count);
  const fillers = days >= SWAPPING_DAYS ? [...ordered.slice(0, 2 * count)].sort() : ordered;
  for (const slug of fillers) {
    if (picked.length >= Math.min(count, ordered.length)) break;
    if (!picked.includes(slug)) picked.push(slug);
  }
  return picked;
}

/** `count` concept slugs for `date` (all of them when there are fewer), the same whenever asked. */
export function conceptsForDate(date: string, concepts: readonly ConceptForRotation[], options: RotationOptions): string[] {
  if (concepts.length === 0) return [];
  const sorted = [...concepts].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const slugs = sorted.map((c) => c.slug);
  const joins = joiningDays(sorted);
  const day = dayNumber(date);
  const { cycle, previous } = cycleOf(day, joins, options.count);
  const ordered = order(cycle, slugs, options.seed);
  const offset = day - cycle.start;
  const days = Math.ceil(ordered.length / options.count);
  // The first day of a cycle must not repeat the day before: a concept the day before showed swaps
  // places with one of the second day. Cycles of fewer days (libraries under 16) skip this.
  if (days >= SWAPPING_DAYS) {
    const before = new Set(dayOf(order(previous, slugs, options.seed), Math.ceil(previous.size / options.count) - 1, options.count));
    for (let p = 0; p < options.count; p += 1) {
      if (!before.has(ordered[p]!)) continue;
      const q = ordered.findIndex((slug, i) => i >= options.count && i < 2 * options.count && !before.has(slug));
      if (q >= 0) [ordered[p], ordered[q]] = [ordered[q]!, ordered[p]!];
    }
  }
  return dayOf(ordered, offset, options.count);
}
