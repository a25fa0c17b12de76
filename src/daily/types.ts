/**
 * Contracts of the daily edition's pure stages:
 *   candidates (SQL) → cluster (src/news/cluster) → rank → pick concepts → freeze (build.ts, the
 *   orchestrator) → render (src/feeds)
 */
import type { Cluster, ClusterItem } from '../news/cluster/types.js';

export interface CandidateStory extends ClusterItem {
  sourceId: number;
  sourceName: string;
  summary: string;
  /** Names of the concepts linked to the story (title/summary mentions). */
  conceptNames: string[];
  /** When this installation first fetched it. */
  firstSeenAt: Date;
  /** Points and comments an aggregator showed for it (hnrss), null where the feed gives none. */
  points: number | null;
  comments: number | null;
  /** How arXiv announced it when first seen: new, cross, replace or replace-cross; null elsewhere. */
  arxivAnnounce: string | null;
  /** The date of the published edition whose window it belongs to but which it arrived after. */
  lateFor: string | null;
  /** The date of an earlier edition that already showed it. */
  shownIn: string | null;
}

export type StoryCluster = Cluster<CandidateStory>;

/** The score's parts (rank/score.ts); total is their sum, rounded. */
export interface ScoreParts {
  coverage: number;
  endorsement: number;
  weight: number;
  relevance: number;
  freshness: number;
  total: number;
}

/** What the rank stage made of one candidate cluster. */
export interface JudgedCluster {
  cluster: StoryCluster;
  /** own: the day's window (or a late arrival); reach-back: an earlier day, only to fill. */
  tier: 'own' | 'reach-back';
  /** Whole days before the edition's window for reach-back; 0 for own. */
  daysBack: number;
  /** Its headline is a live blog or digest of many announcements (rank/round-up.ts): placed after the day's single stories. */
  roundUp: boolean;
  relevance: number;
  relevanceEvidence: string[];
  points: number;
  comments: number;
  score: ScoreParts;
  reasons: string[];
  /** What rules it out whatever the rest of the day: an earlier edition showed it, or it is off-topic. */
  ruledOut: string | null;
}

/** A judged cluster with its rank in the five, or why it is not there. */
export interface RankedCluster extends JudgedCluster {
  outcome: { rank: number } | { excluded: string };
}

export interface RankOptions {
  /** The instant the edition's window ends (the edition date's start in EDITION_TIMEZONE). */
  windowEnd: Date;
  limit: number; // 5
  maxPerPublisher: number; // 2
  /**
   * Whether two clusters tell one event after all (clustering kept them apart, being strict so as
   * never to merge two events): the five take the better one only. Absent: never.
   */
  sameEvent?: (a: StoryCluster, b: StoryCluster) => boolean;
}

export interface ConceptForRotation {
  slug: string;
  createdAt: Date;
}
