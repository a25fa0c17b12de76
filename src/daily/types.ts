/**
 * Contracts of the daily edition's pure stages:
 *   candidates (SQL) → cluster → rank → pick concepts → freeze (build.ts, the orchestrator) → render (src/feeds)
 */

export interface CandidateStory {
  id: number;
  sourceId: number;
  sourceName: string;
  /** 0–10. */
  sourceWeight: number;
  title: string;
  /** Canonical URL (tracking parameters and fragment already removed), or null. */
  url: string | null;
  summary: string;
  /** When the story counts: its date, else when first fetched. */
  effectiveAt: Date;
  /** Names of the concepts linked to the story (title/summary mentions). */
  conceptNames: string[];
}

export interface ClusterSource {
  id: number;
  name: string;
  weight: number;
}

export interface StoryCluster {
  /** Stable key: the representative's story id as a string. */
  key: string;
  /** The item of the highest-weight source (earliest on ties, then lowest id). */
  representative: CandidateStory;
  /** Every member, representative first. */
  members: CandidateStory[];
  /** Distinct sources, representative's first; coverage = sources.length. */
  sources: ClusterSource[];
}

export interface RankedCluster {
  rank: number; // 1-based
  score: number;
  /** Why it ranks here, in words: coverage with source names, concepts, source weight, freshness. */
  reasons: string[];
  cluster: StoryCluster;
}

export interface RankOptions {
  /** The instant the edition's window ends (the edition date's start in EDITION_TIMEZONE). */
  windowEnd: Date;
  limit: number; // 5
  maxPerSource: number; // 2
}

export interface ConceptForRotation {
  slug: string;
  createdAt: Date;
}

export interface PastEdition {
  date: string; // YYYY-MM-DD
  conceptSlugs: string[];
}

export interface PickOptions {
  /** The date being built; only editions before it count as history. */
  date: string;
  count: number; // 5
  seed: string;
}
