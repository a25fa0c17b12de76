import type { CandidateStory, JudgedCluster, RankedCluster, RankOptions, StoryCluster } from '../types.js';
import { ageReason, conceptsReason, coverageReason, endorsementReason, lateReason, reachBackReason, offTopicReason, relevanceReason, roundUpReason, shownFromReason, weightReason } from './reasons.js';
import { RELEVANCE_THRESHOLD, storyRelevance, storyScore } from './relevance.js';
import { isRoundUp } from './round-up.js';
import { endorsementOf, scoreOf } from './score.js';

export { RELEVANCE_THRESHOLD } from './relevance.js';

const sortedDistinct = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * A cluster is about ML as far as its members, on average, say so: one outlet's marketing words
 * ("an AI-powered age") do not make a laptop review ML when the other outlets' copies of the story
 * say nothing of it (2023-11-06 in tests/data/days: 0.86 and 0.00), while an ML event stays
 * relevant through one vague headline. The words shown as evidence are the most relevant member's.
 */
function relevanceOf(members: readonly CandidateStory[]): { score: number; evidence: string[] } {
  let best = members[0]!;
  let bestScore = -1;
  let sum = 0;
  for (const m of members) {
    const score = storyScore(m);
    sum += score;
    if (score > bestScore) [best, bestScore] = [m, score];
  }
  return { score: sum / members.length, evidence: storyRelevance(best).evidence };
}

/**
 * Scores one cluster and says why in words; the outcome is decided by rankClusters, except for what
 * rules out a cluster on its own: an earlier edition showed it, or it is not about ML.
 */
export function judgeCluster(cluster: StoryCluster, tier: JudgedCluster['tier'], daysBack: number, windowEnd: Date): JudgedCluster {
  const rep = cluster.representative;
  const relevance = relevanceOf(cluster.members);
  const { points, comments } = endorsementOf(cluster);
  const ageMs = Math.max(0, windowEnd.getTime() - rep.effectiveAt.getTime());
  const score = scoreOf({ publishers: cluster.publishers.length, points, comments, weight: rep.sourceWeight, relevance: relevance.score, ageMs });

  const reasons = [coverageReason(cluster.publishers)];
  if (points > 0 || comments > 0) reasons.push(endorsementReason(points, comments));
  reasons.push(weightReason(rep.sourceName, rep.publisher, rep.sourceWeight));
  reasons.push(relevanceReason(relevance.score, relevance.evidence));
  const concepts = sortedDistinct(cluster.members.flatMap((m) => m.conceptNames));
  if (concepts.length > 0) reasons.push(conceptsReason(concepts));
  reasons.push(ageReason(ageMs));
  const late = cluster.members.find((m) => m.lateFor !== null);
  if (late) reasons.push(lateReason(late.lateFor!));
  if (tier === 'reach-back') reasons.push(reachBackReason(daysBack));
  const roundUp = isRoundUp(rep.title);
  if (roundUp) reasons.push(roundUpReason());

  const shown = cluster.members.find((m) => m.shownIn !== null);
  const ruledOut = shown
    ? `already in the edition of ${shown.shownIn}`
    : relevance.score < RELEVANCE_THRESHOLD
      ? offTopicReason(relevance.score, RELEVANCE_THRESHOLD)
      : null;
  return { cluster, tier, daysBack, roundUp, relevance: relevance.score, relevanceEvidence: relevance.evidence, points, comments, score, reasons, ruledOut };
}

const byScore = (a: JudgedCluster, b: JudgedCluster) => b.score.total - a.score.total || a.cluster.representative.id - b.cluster.representative.id;

/**
 * The top `limit` clusters: the day's own first, best score first, then the day's round-ups (live
 * blogs, digests: round-up.ts) for the places left, then reach-back clusters; at most
 * `maxPerPublisher` shown from one publisher (a story another outlet also told is shown from that
 * outlet when the first has no place left), and no event twice (`sameEvent`). Off-topic clusters
 * and those an earlier edition showed are left out rather than ranked last: an edition with fewer
 * stories is better than one padded with news that is not about ML, or with yesterday's. Ties go to
 * the lower representative id. Sets every cluster's outcome and returns all of them, the five first.
 */
export function rankClusters(own: JudgedCluster[], reachBack: JudgedCluster[], options: RankOptions): RankedCluster[] {
  const perPublisher = new Map<string, number>();
  const chosen: { cluster: StoryCluster; rank: number }[] = [];
  let ranked = 0;
  const ordered: RankedCluster[] = [];
  const decide = (judged: JudgedCluster): RankedCluster => {
    const out = (excluded: string): RankedCluster => ({ ...judged, outcome: { excluded } });
    if (judged.ruledOut !== null) return out(judged.ruledOut);
    if (ranked >= options.limit) return out(judged.roundUp ? `below the top ${options.limit}: a round-up, placed after the day's single stories` : `below the top ${options.limit}`);
    const twin = options.sameEvent && chosen.find((c) => options.sameEvent!(c.cluster, judged.cluster));
    if (twin) return out(`tells the same event as #${twin.rank}: ${twin.cluster.representative.title}`);
    let { cluster, reasons } = judged;
    const publisher = cluster.representative.publisher;
    if ((perPublisher.get(publisher) ?? 0) >= options.maxPerPublisher) {
      // Another outlet's article of the same story may stand for it (not an aggregator's link to it).
      const other = cluster.members.find((m) => !m.aggregator && !m.selfPost && (perPublisher.get(m.publisher) ?? 0) < options.maxPerPublisher);
      if (!other) return out(`${publisher} already has ${options.maxPerPublisher} of the ${options.limit}`);
      cluster = { ...cluster, representative: other, members: [other, ...cluster.members.filter((m) => m !== other)] };
      reasons = [...reasons, shownFromReason(other.publisher, publisher, options.maxPerPublisher, options.limit)];
    }
    const shownBy = cluster.representative.publisher;
    perPublisher.set(shownBy, (perPublisher.get(shownBy) ?? 0) + 1);
    ranked += 1;
    chosen.push({ cluster, rank: ranked });
    return { ...judged, cluster, reasons, outcome: { rank: ranked } };
  };
  const tiers = [own.filter((j) => !j.roundUp), own.filter((j) => j.roundUp), reachBack];
  for (const tier of tiers) {
    for (const judged of [...tier].sort(byScore)) ordered.push(decide(judged));
  }
  const rankOf = (j: RankedCluster) => ('rank' in j.outcome ? j.outcome.rank : Number.POSITIVE_INFINITY);
  const tierOf = (j: RankedCluster) => (j.tier === 'reach-back' ? 2 : j.roundUp ? 1 : 0);
  return ordered.sort((a, b) => rankOf(a) - rankOf(b) || tierOf(a) - tierOf(b) || byScore(a, b));
}
