import { forEachCandidatePair, signature } from './minhash.js';
import { headlineTokens, names, numbers, shingles, sortedJaccard } from './shingles.js';
import { UnionFind } from './union-find.js';
/**
 * Tuned on the headline pairs in tests/daily/cluster: the paraphrases that must merge score 0.43
 * and up, different events sharing a subject ("OpenAI CEO Sam Altman …") 0.41 and down.
 */
export const DEFAULT_THRESHOLD = 0.42;
export const DEFAULT_WINDOW_HOURS = 48;
function headline(title, idOf) {
    const tokens = headlineTokens(title);
    const set = shingles(tokens);
    return { tokens, shingles: set, shingleIds: Int32Array.from(set, idOf).sort(), numbers: numbers(tokens), names: names(title) };
}
/** Positions of the names in `a` that `b` lacks, with their neighbours. */
function ownNames(a, b) {
    const names = a.names;
    if (names === null)
        return [];
    return a.tokens.flatMap((token, i) => names.has(token) && !b.tokens.includes(token) ? [{ before: a.tokens[i - 1], after: a.tokens[i + 1] }] : []);
}
/**
 * Identifiers that contradict each other: different version numbers ("Gemini 1.5" / "Gemini 2.0"),
 * or one name put in the place of another ("Claude 3.5 Sonnet" / "Claude 3.5 Haiku": each has a
 * name the other lacks, next to the same word). Word overlap alone rates those pairs as similar as
 * a paraphrase.
 */
function conflicting(a, b) {
    if (a.numbers.size > 0 && b.numbers.size > 0 && ![...a.numbers].some((n) => b.numbers.has(n)))
        return true;
    const inB = ownNames(b, a);
    return ownNames(a, b).some((x) => inB.some((y) => (x.before !== undefined && x.before === y.before) || (x.after !== undefined && x.after === y.after)));
}
/** Highest source weight first, then the earliest, then the lowest id. */
function byPrecedence(a, b) {
    return b.sourceWeight - a.sourceWeight || a.effectiveAt.getTime() - b.effectiveAt.getTime() || a.id - b.id;
}
function toCluster(members) {
    const sorted = [...members].sort(byPrecedence);
    const representative = sorted[0];
    const sources = new Map();
    for (const m of sorted) {
        if (!sources.has(m.sourceId))
            sources.set(m.sourceId, { id: m.sourceId, name: m.sourceName, weight: m.sourceWeight });
    }
    return { key: String(representative.id), representative, members: sorted, sources: [...sources.values()] };
}
/**
 * One cluster per real-world story: stories with the same canonical URL, or with near-identical
 * headlines published within `windowHours` of each other, joined transitively. Two stories from one
 * source may share a cluster (a feed posting twice); coverage counts distinct sources.
 *
 * Known limits (pinned in the tests): a headline measure cannot tell "X" from "X safety report"
 * when X is short, nor two developments of one subject in similar words ("Gemini image generation
 * paused" / "… returns"); paraphrases sharing few words ("Gemma 2 is now available to
 * researchers") stay apart, as do numbers written two ways ("$10 billion" / "$10bn"); a Title Case
 * headline has no readable names, so "Claude 3.5 Sonnet" / "Claude 3.5 Haiku" merge when written
 * so; and chains of similar pairs can join stories more than `windowHours` apart.
 */
export function clusterStories(stories, options = {}) {
    const windowMs = (options.windowHours ?? DEFAULT_WINDOW_HOURS) * 3_600_000;
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const items = [...stories].sort((a, b) => a.id - b.id);
    const sets = new UnionFind(items.length);
    const byUrl = new Map();
    items.forEach((story, index) => {
        if (story.url === null)
            return;
        const first = byUrl.get(story.url);
        if (first === undefined)
            byUrl.set(story.url, index);
        else
            sets.union(first, index);
    });
    const shingleIds = new Map();
    const idOf = (shingle) => {
        let id = shingleIds.get(shingle);
        if (id === undefined)
            shingleIds.set(shingle, (id = shingleIds.size));
        return id;
    };
    const headlines = items.map((story) => headline(story.title, idOf));
    const times = items.map((story) => story.effectiveAt.getTime());
    const comparable = headlines.flatMap((h, index) => (h.shingles.size > 0 ? [index] : []));
    // The clusters are the closure of the candidate pairs that pass the check, whatever the order they
    // are met in, so a pair already in one set needs no check. The cheap tests are simply repeated
    // when a pair comes up again in another band; only the costlier name check is remembered.
    const conflicts = new Set();
    const check = (x, y) => {
        const i = comparable[x];
        const j = comparable[y];
        if (sets.find(i) === sets.find(j))
            return;
        const a = headlines[i];
        const b = headlines[j];
        if (Math.abs(times[i] - times[j]) > windowMs)
            return;
        if (sortedJaccard(a.shingleIds, b.shingleIds) < threshold)
            return;
        const key = x * comparable.length + y;
        if (conflicts.has(key))
            return;
        if (conflicting(a, b))
            conflicts.add(key);
        else
            sets.union(i, j);
    };
    forEachCandidatePair(comparable.map((index) => signature(headlines[index].shingles)), check);
    const groups = new Map();
    items.forEach((story, index) => {
        const root = sets.find(index);
        const group = groups.get(root);
        if (group)
            group.push(story);
        else
            groups.set(root, [story]);
    });
    return [...groups.values()].map(toCluster).sort((a, b) => a.representative.id - b.representative.id);
}
//# sourceMappingURL=index.js.map