import { containedIn, similarity, type Headline } from './headline.js';
import { headlineTokens } from './shingles.js';

/**
 * How strongly two stories tell one event, from their headlines and their feeds' summaries:
 *
 *   headline similarity (headline.ts: weighted Dice, two shared words at least)
 *   + 3/4 · story similarity: the same over each story's headline, URL slug and summary words
 *   + 1/4 · the lesser share of one headline's weight that the other story mentions anywhere
 *   + 1/5 if one headline lies entirely inside the other
 *   − 3/10 per day apart (up to 48 hours)
 *
 * Outlets paraphrase a headline but name the same people, products, numbers and places in their
 * first paragraph, so summaries find the same event told in other words ("Tesla shuts down Dojo" /
 * "Tesla's Dojo supercomputer is DOA"). Time counts against: the next day's piece on one subject
 * is more often a development or a hands-on than the same news. The weights were chosen on the
 * three quarters of tests/data/headline-pairs.jsonl not held out (tests/news/cluster/pairs.test.ts).
 */
const STORY = 0.75;
const COVERED = 0.25;
const INSIDE = 0.2;
const DRIFT_PER_HOUR = 0.3 / 24;
const MAX_HOURS = 48;

/** The story's words as ascending distinct ids: its headline's (title and slug) and its summary's. Computed once, when first compared. */
export function storyIds(h: Headline, idOf: (word: string) => number): Int32Array {
  if (h.story === null) {
    const ids = new Set<number>(h.ids);
    for (const token of headlineTokens(h.summary)) ids.add(idOf(token));
    h.story = Int32Array.from(ids).sort();
  }
  return h.story;
}

/** Fewer shared words than this make no event, however rare the one word is ("Dropout for transformers" / "Dropout for CNNs"). */
const MIN_SHARED = 2;

/** Weighted Dice of two sorted id sets; 0 when they share fewer than MIN_SHARED words. */
function dice(a: Int32Array, b: Int32Array, weightOf: (id: number) => number): number {
  let shared = 0;
  let total = 0;
  let common = 0;
  for (let i = 0, j = 0; i < a.length || j < b.length; ) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    const w = weightOf(Math.min(x, y));
    total += x === y ? 2 * w : w;
    if (x === y) {
      shared += 2 * w;
      common += 1;
    }
    if (x <= y) i += 1;
    if (y <= x) j += 1;
  }
  return common < MIN_SHARED ? 0 : shared / total;
}

/** The share of a headline's word weight that a story mentions anywhere. */
function covered(headline: Int32Array, story: Int32Array, weightOf: (id: number) => number): number {
  let found = 0;
  let total = 0;
  for (let i = 0, j = 0; i < headline.length; i += 1) {
    const x = headline[i] as number;
    const w = weightOf(x);
    total += w;
    while (j < story.length && (story[j] as number) < x) j += 1;
    if (story[j] === x) found += w;
  }
  return total === 0 ? 0 : found / total;
}

export interface Weights {
  /** The run's headline words, by id (weights.ts). */
  headline: Float64Array;
  /** Any word's weight, summary words included. */
  of: (id: number) => number;
}

/** The evidence above for two stories `hoursApart`; clustering merges at DEFAULT_THRESHOLD (index.ts) or more. */
export function eventScore(a: Headline, b: Headline, hoursApart: number, weights: Weights, idOf: (word: string) => number): number {
  const sa = storyIds(a, idOf);
  const sb = storyIds(b, idOf);
  const story = dice(sa, sb, weights.of);
  // One word in common is a subject, not an event: no evidence at all.
  if (story === 0) return 0;
  const inside = containedIn(a.ids, b.ids) || containedIn(b.ids, a.ids);
  return (
    similarity(a.ids, b.ids, weights.headline) +
    STORY * story +
    COVERED * Math.min(covered(a.ids, sb, weights.of), covered(b.ids, sa, weights.of)) +
    (inside ? INSIDE : 0) -
    DRIFT_PER_HOUR * Math.min(Math.abs(hoursApart), MAX_HOURS)
  );
}
