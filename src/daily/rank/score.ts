import type { ScoreParts, StoryCluster } from '../types.js';

/**
 * The score adds five parts, each with diminishing returns, so no one signal runs away with it:
 *
 *   coverage     4 × ln(publishers)                          1 → 0, 2 → 2.77, 3 → 4.39, 5 → 6.44
 *   endorsement  1.5 × ln(1 + points / 50 + comments / 100)  none → 0, 100 points and 50 comments → 1.88
 *   weight       2 × ln(1 + source weight)                   1 → 1.39, 2 → 2.20, 3 → 2.77, 10 → 4.80
 *   relevance    1 × relevance to ML                         in [RELEVANCE_THRESHOLD, 1]; below it, left out
 *   freshness    0.5 × (1 − age / 24 h), at least 0          the end of the window → 0.5, a day before → 0
 *
 * What the constants guarantee (tests/daily/rank): a story three publishers covered beats a
 * single lab post (4.39 + 1.39 against 2.77 + at most 1.5 more); a weight-3 lab release beats an
 * unendorsed preprint whatever their relevance and freshness (2.77 + 0.5 against 1.39 + 1.5); a
 * preprint an aggregator picked up and endorsed has a second publisher and points, and beats a
 * lone lab post. Weight is the representative's, the highest of the articles' own sources.
 */
export const COVERAGE = 4;
export const ENDORSEMENT = 1.5;
export const POINTS_UNIT = 50;
export const COMMENTS_UNIT = 100;
export const WEIGHT = 2;
export const RELEVANCE = 1;
export const FRESHNESS = 0.5;
const WINDOW_MS = 24 * 3_600_000;

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Points and comments: the most each publisher showed for the story, added over publishers. */
export function endorsementOf(cluster: StoryCluster): { points: number; comments: number } {
  const best = new Map<string, { points: number; comments: number }>();
  for (const m of cluster.members) {
    const b = best.get(m.publisher) ?? { points: 0, comments: 0 };
    best.set(m.publisher, { points: Math.max(b.points, m.points ?? 0), comments: Math.max(b.comments, m.comments ?? 0) });
  }
  let points = 0;
  let comments = 0;
  for (const b of best.values()) {
    points += b.points;
    comments += b.comments;
  }
  return { points, comments };
}

export function scoreOf(input: { publishers: number; points: number; comments: number; weight: number; relevance: number; ageMs: number }): ScoreParts {
  const parts = {
    coverage: round(COVERAGE * Math.log(Math.max(1, input.publishers))),
    endorsement: round(ENDORSEMENT * Math.log(1 + Math.max(0, input.points) / POINTS_UNIT + Math.max(0, input.comments) / COMMENTS_UNIT)),
    weight: round(WEIGHT * Math.log(1 + Math.min(10, Math.max(0, input.weight)))),
    relevance: round(RELEVANCE * input.relevance),
    freshness: round(FRESHNESS * Math.min(1, Math.max(0, 1 - input.ageMs / WINDOW_MS))),
  };
  return { ...parts, total: round(parts.coverage + parts.endorsement + parts.weight + parts.relevance + parts.freshness) };
}
