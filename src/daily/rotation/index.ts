import { createHash } from 'node:crypto';
import type { ConceptForRotation, PastEdition, PickOptions } from '../types.js';

/**
 * Concept rotation as cycles over a seeded permutation. Cycle k holds the concepts that existed when
 * it began (created before the UTC start of its first edition's date, so a rebuild later that day
 * picks the same; see `cutoff`), in the order of sha256(`${seed}:${k}:${slug}`). Every member appears once before
 * the next cycle starts, so a concept added mid-cycle waits for the next one; a deleted or
 * unpublished concept is absent from `concepts` and simply skipped.
 *
 * Nothing is stored besides the editions: the position in the rotation is recovered by replaying
 * the past editions in date order, so past editions never change and only those before the date
 * count. A rebuilt date gets the same concepts as long as the history before it is the same.
 */

interface Cycle {
  index: number;
  members: Set<string>;
  used: Set<string>;
}

const DAY_MS = 86_400_000;

function startOfDateMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/**
 * Concepts created before this instant are members of a cycle starting on `date`. The concepts of
 * the first day count as there from the start, so a fresh install (seeded and built the same day,
 * or asked for an earlier date) has a rotation at all.
 */
function cutoff(date: string, concepts: readonly ConceptForRotation[]): number {
  const first = Math.min(...concepts.map((c) => c.createdAt.getTime()));
  const afterFirstDay = Number.isFinite(first) ? (Math.floor(first / DAY_MS) + 1) * DAY_MS : 0;
  return Math.max(startOfDateMs(date), afterFirstDay);
}

function startCycle(index: number, date: string, concepts: readonly ConceptForRotation[]): Cycle {
  const before = cutoff(date, concepts);
  const members = new Set(concepts.filter((c) => c.createdAt.getTime() < before).map((c) => c.slug));
  return { index, members, used: new Set() };
}

function complete(cycle: Cycle): boolean {
  return cycle.used.size > 0 && [...cycle.members].every((slug) => cycle.used.has(slug));
}

function order(cycle: Cycle, seed: string): string[] {
  const key = (slug: string) => createHash('sha256').update(`${seed}:${cycle.index}:${slug}`).digest('hex');
  return [...cycle.members]
    .map((slug) => [key(slug), slug] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, slug]) => slug);
}

/** The cycle in progress after the past editions: a repeat, or a finished cycle, starts the next. */
function replay(history: readonly PastEdition[], concepts: readonly ConceptForRotation[], date: string): Cycle {
  const past = history.filter((e) => e.date < date).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let cycle = startCycle(0, past[0]?.date ?? date, concepts);
  for (const edition of past) {
    for (const slug of edition.conceptSlugs) {
      if (cycle.used.has(slug) || complete(cycle)) cycle = startCycle(cycle.index + 1, edition.date, concepts);
      cycle.used.add(slug);
    }
  }
  return cycle;
}

/** `count` concept slugs for `options.date`, never one twice; all of them when there are fewer. */
export function pickConcepts(history: PastEdition[], concepts: ConceptForRotation[], options: PickOptions): string[] {
  const picked: string[] = [];
  let cycle = replay(history, concepts, options.date);
  const existing = new Set(concepts.map((c) => c.slug));
  const wanted = Math.min(options.count, existing.size);
  // Two cycles always suffice: the second holds every concept that exists on this date.
  for (let pass = 0; pass < 2 && picked.length < wanted; pass += 1) {
    if (pass > 0 || complete(cycle)) cycle = startCycle(cycle.index + 1, options.date, concepts);
    for (const slug of order(cycle, options.seed)) {
      if (picked.length >= wanted) break;
      if (!cycle.used.has(slug) && !picked.includes(slug)) {
        picked.push(slug);
        cycle.used.add(slug);
      }
    }
  }
  return picked;
}
