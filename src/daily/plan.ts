import type { Db } from '../db/client.js';
import { clusterAndCompare, publishersOf, type Clustering } from '../news/cluster/index.js';
import { isReplacement } from '../news/normalize/arxiv-announce.js';
import { addDays, startOfDay } from '../shared/dates.js';
import { candidatesByIds, lateCandidates, shownBefore, windowCandidates } from './candidates.queries.js';
import { judgeCluster, rankClusters } from './rank/index.js';
import type { CandidateStory, JudgedCluster, RankedCluster, StoryCluster } from './types.js';

export const storiesPerEdition = 5;
const maxPerPublisher = 2;
/**
 * Two clusters whose closest wordings have this much evidence (news/cluster/story.ts) tell one event
 * as far as the five are concerned: the lower one gives its place to the next. Clustering keeps
 * them apart (it asks every pair of members to agree, at 0.35, so as never to merge two events);
 * here a mistake costs a place, not a story. On the real days of tests/data/days clustering's
 * misses told custom GPTs, Bard, Llama 2 and Google's Workspace AI twice; with this rule none is
 * told twice (0.25 and 0.3 give the same fives; 0.2 also drops GPT-4 Turbo as DevDay's GPTs).
 */
export const SAME_EVENT_IN_FIVE = 0.3;
/** A thin day reaches back this many days before its window, only to fill. */
export const maxReachBackDays = 3;
/** An item dated up to this many days before the window may still arrive late. */
const maxLateDays = 3;
/** Editions of this many days before are checked for stories already shown. */
const shownLookbackDays = 10;
const DAY_MS = 86_400_000;

export interface EditionPlan {
  /** Every candidate cluster with its outcome, the five first. */
  ranked: RankedCluster[];
  window: { start: Date; end: Date; reachedBackDays: number };
}

const replacementNote = 'an arXiv replacement: a new version of a paper announced before, not news';

/** arXiv replacements, one entry per paper, judged only to say why they are out. */
function replacements(items: CandidateStory[], windowEnd: Date): JudgedCluster[] {
  const byUrl = new Map<string, CandidateStory[]>();
  for (const item of items) byUrl.set(item.url ?? String(item.id), [...(byUrl.get(item.url ?? String(item.id)) ?? []), item]);
  return [...byUrl.values()].map((members) => {
    const cluster: StoryCluster = { key: String(members[0]!.id), representative: members[0]!, members, publishers: publishersOf(members) };
    return { ...judgeCluster(cluster, 'own', 0, windowEnd), ruledOut: replacementNote };
  });
}

/**
 * What the edition of `date` is made of: the day's own stories (the 24 hours before its start, and
 * late arrivals) clustered with the stories earlier editions showed, so a repeat is seen; then, on
 * a thin day only, stories of up to three days before, to fill the places left.
 */
export async function planEdition(db: Db, date: string, timeZone: string): Promise<EditionPlan> {
  const end = startOfDay(date, timeZone);
  const start = startOfDay(addDays(date, -1), timeZone);
  const shown = await shownBefore(db, addDays(date, -shownLookbackDays), date);
  const own = await windowCandidates(db, start, end);
  const ownIds = new Set(own.map((s) => s.id));
  const late = (await lateCandidates(db, date, startOfDay(addDays(date, -1 - maxLateDays), timeZone), start, timeZone)).filter((s) => !ownIds.has(s.id));
  const current = [...own, ...late];
  const currentIds = new Set(current.map((s) => s.id));
  const anchors = await candidatesByIds(db, [...shown.keys()].filter((id) => !currentIds.has(id)));
  const mark = (s: CandidateStory) => ({ ...s, shownIn: shown.get(s.id) ?? null });

  const fresh = [...current, ...anchors].map(mark).filter((s) => !isReplacement(s.arxivAnnounce));
  const clustering = clusterAndCompare(fresh);
  const ownJudged = [
    ...clustering.clusters
      .filter((c) => c.members.some((m) => currentIds.has(m.id)))
      .map((c) => judgeCluster(c, 'own', 0, end)),
    ...replacements(current.filter((s) => isReplacement(s.arxivAnnounce)), end),
  ];

  const rank = ({ closeness }: Clustering<CandidateStory>, reachJudged: JudgedCluster[]) => {
    const sameEvent = (a: StoryCluster, b: StoryCluster) => closeness(a, b) >= SAME_EVENT_IN_FIVE;
    return rankClusters(ownJudged, reachJudged, { windowEnd: end, limit: storiesPerEdition, maxPerPublisher, sameEvent });
  };
  let ranked = rank(clustering, []);
  // A thin day reaches back: one whose own stories fill fewer than five places once the rules
  // (off-topic, shown before, two per publisher, one per event) have left some out.
  if (ranked.filter((r) => 'rank' in r.outcome).length < storiesPerEdition) {
    const loaded = new Set([...currentIds, ...anchors.map((s) => s.id)]);
    const older = (await windowCandidates(db, startOfDay(addDays(date, -1 - maxReachBackDays), timeZone), start))
      .filter((s) => !loaded.has(s.id))
      .map(mark)
      .filter((s) => !isReplacement(s.arxivAnnounce));
    const olderIds = new Set(older.map((s) => s.id));
    // Compared within the run that saw every candidate (its word weights are the day's and before).
    const everything = clusterAndCompare([...fresh, ...older]);
    ranked = rank(
      everything,
      everything.clusters
        .filter((c) => c.members.some((m) => olderIds.has(m.id)) && !c.members.some((m) => currentIds.has(m.id)))
        .map((c) => judgeCluster(c, 'reach-back', Math.floor((start.getTime() - c.representative.effectiveAt.getTime()) / DAY_MS) + 1, end)),
    );
  }

  const reachedBackDays = Math.max(1, ...ranked.filter((r) => 'rank' in r.outcome && r.tier === 'reach-back').map((r) => r.daysBack + 1));
  return { ranked, window: { start: startOfDay(addDays(date, -reachedBackDays), timeZone), end, reachedBackDays } };
}
