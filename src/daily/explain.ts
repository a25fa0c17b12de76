import type { EditionPlan } from './plan.js';
import type { CandidateStory, RankedCluster } from './types.js';

/** One candidate cluster as `mlbrief edition --explain --json` prints it. */
export function explainedCluster(r: RankedCluster) {
  const member = (m: CandidateStory) => ({
    storyId: m.id,
    title: m.title,
    url: m.url,
    source: m.sourceName,
    publisher: m.publisher,
    kind: m.aggregator ? 'aggregator' : 'feed',
    weight: m.sourceWeight,
    publishedAt: m.effectiveAt.toISOString(),
    firstSeenAt: m.firstSeenAt.toISOString(),
    points: m.points,
    comments: m.comments,
    arxivAnnounce: m.arxivAnnounce,
    ...(m.selfPost ? { selfPost: true } : {}),
    ...(m.lateFor ? { lateFor: m.lateFor } : {}),
    ...(m.shownIn ? { shownIn: m.shownIn } : {}),
  });
  return {
    ...('rank' in r.outcome ? { rank: r.outcome.rank } : { excludedBy: r.outcome.excluded }),
    tier: r.tier,
    ...(r.tier === 'reach-back' ? { daysBack: r.daysBack } : {}),
    ...(r.roundUp ? { roundUp: true } : {}),
    title: r.cluster.representative.title,
    publishers: r.cluster.publishers,
    endorsement: { points: r.points, comments: r.comments },
    relevance: r.relevance,
    relevanceEvidence: r.relevanceEvidence,
    score: r.score,
    reasons: r.reasons,
    members: r.cluster.members.map(member),
  };
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The plan in words, a block per candidate cluster, the five first. */
export function explainLines(date: string, plan: EditionPlan): string[] {
  const ranked = plan.ranked.filter((r) => 'rank' in r.outcome).length;
  const lines = [
    `Candidates for the edition of ${date}: window ${plan.window.start.toISOString()} – ${plan.window.end.toISOString()}, ` +
      `${count(plan.ranked.length, 'cluster')}, ${ranked} in the edition`,
    '',
  ];
  for (const r of plan.ranked) {
    const s = r.score;
    const head = 'rank' in r.outcome ? `#${r.outcome.rank}` : 'out';
    lines.push(
      `${head}  ${r.cluster.representative.title}${r.tier === 'reach-back' ? `  [reach-back, ${count(r.daysBack, 'day')}]` : ''}${r.roundUp ? '  [round-up]' : ''}`,
      `    score ${s.total} = coverage ${s.coverage} + endorsement ${s.endorsement} + weight ${s.weight} + relevance ${s.relevance} + freshness ${s.freshness}`,
      `    publishers (${r.cluster.publishers.length}): ${r.cluster.publishers.join(', ')}`,
      `    endorsement: ${count(r.points, 'point')}, ${count(r.comments, 'comment')}; relevance ${r.relevance.toFixed(2)}` +
        (r.relevanceEvidence.length > 0 ? ` (${r.relevanceEvidence.join(', ')})` : ''),
    );
    if ('excluded' in r.outcome) lines.push(`    kept out by: ${r.outcome.excluded}`);
    for (const m of r.cluster.members) {
      const tags = [
        m.aggregator ? 'aggregator' : 'feed',
        `weight ${m.sourceWeight}`,
        ...(m.points !== null || m.comments !== null ? [`${m.points ?? 0} points, ${m.comments ?? 0} comments`] : []),
        ...(m.arxivAnnounce ? [`arXiv ${m.arxivAnnounce}`] : []),
        ...(m.selfPost ? ['self-post'] : []),
        ...(m.lateFor ? [`late for ${m.lateFor}`] : []),
        ...(m.shownIn ? [`shown ${m.shownIn}`] : []),
      ];
      lines.push(`    - ${m.sourceName} (${m.publisher}; ${tags.join('; ')}): ${m.title}${m.url ? `  <${m.url}>` : ''}`);
    }
    lines.push('');
  }
  return lines;
}
