import { mlKeywords } from './keywords.js';
import { ageReason, conceptsReason, coverageReason, keywordsReason, weightReason } from './reasons.js';
/**
 * The score is a lexicographic key written as one number, each part unable to outweigh a step of
 * the part before it: coverage × 10 000, then source weight in tenths × 50 (at most 5 000), then
 * relevance (capped at 10) × 4 (at most 40), then freshness in [0, 1] × 3. So one more source beats
 * any weight, 0.1 more weight beats any relevance, one more concept or keyword beats any freshness.
 */
const COVERAGE_STEP = 10_000;
const WEIGHT_TENTH_STEP = 50;
const RELEVANCE_STEP = 4;
const RELEVANCE_CAP = 10;
const FRESHNESS_SPAN = 3;
const WINDOW_MS = 24 * 3_600_000;
function distinctSorted(values) {
    return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
/** Null for an off-topic cluster: no linked concept and no ML keyword in any member. */
function scoreCluster(cluster, windowEnd) {
    const { representative: rep, members, sources } = cluster;
    const concepts = distinctSorted(members.flatMap((m) => m.conceptNames));
    const keywords = mlKeywords(members.flatMap((m) => [m.title, m.summary]));
    const relevance = concepts.length + keywords.length;
    if (relevance === 0)
        return null;
    const weight = Math.min(10, Math.max(0, rep.sourceWeight));
    const ageMs = windowEnd.getTime() - rep.effectiveAt.getTime();
    const freshness = Math.min(1, Math.max(0, 1 - ageMs / WINDOW_MS));
    const raw = sources.length * COVERAGE_STEP +
        Math.round(weight * 10) * WEIGHT_TENTH_STEP +
        Math.min(relevance, RELEVANCE_CAP) * RELEVANCE_STEP +
        freshness * FRESHNESS_SPAN;
    const reasons = [coverageReason(sources.map((s) => s.name)), weightReason(rep.sourceName, rep.sourceWeight)];
    if (concepts.length > 0)
        reasons.push(conceptsReason(concepts));
    if (keywords.length > 0)
        reasons.push(keywordsReason(keywords));
    reasons.push(ageReason(Math.max(0, ageMs)));
    return { cluster, score: Math.round(raw * 1000) / 1000, reasons };
}
/**
 * The top `limit` clusters, best first, at most `maxPerSource` of them represented by one source.
 * Off-topic clusters are left out entirely rather than ranked last: an edition with fewer stories
 * is better than one padded with news that is not about ML. Ties go to the lower representative id.
 * The representative is its cluster's highest-weight item, so its weight is the cluster's maximum.
 */
export function rankClusters(clusters, options) {
    const scored = clusters
        .map((cluster) => scoreCluster(cluster, options.windowEnd))
        .filter((s) => s !== null)
        .sort((a, b) => b.score - a.score || a.cluster.representative.id - b.cluster.representative.id);
    const perSource = new Map();
    const ranked = [];
    for (const { cluster, score, reasons } of scored) {
        if (ranked.length >= options.limit)
            break;
        const sourceId = cluster.representative.sourceId;
        const taken = perSource.get(sourceId) ?? 0;
        if (taken >= options.maxPerSource)
            continue;
        perSource.set(sourceId, taken + 1);
        ranked.push({ rank: ranked.length + 1, score, reasons, cluster });
    }
    return ranked;
}
//# sourceMappingURL=index.js.map