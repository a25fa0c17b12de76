import { conflicting, headline, type Headline } from './headline.js';
import { forEachCandidatePair } from './pairs.js';
import { eventScore, retold } from './story.js';
import type { Cluster, ClusterItem } from './types.js';
import { UnionFind } from './union-find.js';
import { wordWeights } from './weights.js';

export type { Cluster, ClusterItem } from './types.js';

export interface ClusterOptions {
  /**
   * Headlines further apart than this are the same story only when one retells the other (story.ts:
   * headline and summary mostly the same words), up to twice as far; a shared URL always is.
   */
  windowHours?: number;
  /** Least evidence (story.ts) that two stories tell one event. */
  threshold?: number;
}

/**
 * Chosen on the training three quarters of the 691 real headline pairs of
 * tests/data/headline-pairs.jsonl (tests/news/cluster/pairs.test.ts prints precision and recall at
 * this threshold and its neighbours, and on the held-out quarter).
 */
export const DEFAULT_THRESHOLD = 0.35;
export const DEFAULT_WINDOW_HOURS = 48;
/** How many windows apart a story told again (story.ts: retold) is still looked for. */
export const RETOLD_WINDOWS = 2;

/** Items that are one story before any headline is compared: one canonical URL, or one wording. */
interface Unit {
  items: number[];
  /** Its earliest item's time. */
  at: number;
  /** Its distinct wordings. */
  headlines: Headline[];
}

/** Non-aggregator items first (the article, not the link to it), then weight, the earliest, the lowest id. */
function byPrecedence(a: ClusterItem, b: ClusterItem): number {
  return Number(a.aggregator) - Number(b.aggregator) || b.sourceWeight - a.sourceWeight || a.effectiveAt.getTime() - b.effectiveAt.getTime() || a.id - b.id;
}

/** Members' publishers in precedence order, then the publishers aggregators' links lead to. */
export function publishersOf(members: readonly ClusterItem[]): string[] {
  const publishers = new Set(members.map((m) => m.publisher));
  for (const m of members) if (m.aggregator && m.linkedPublisher) publishers.add(m.linkedPublisher);
  return [...publishers];
}

function toCluster<T extends ClusterItem>(members: T[]): Cluster<T> {
  const sorted = [...members].sort(byPrecedence);
  const representative = sorted[0] as T;
  return { key: String(representative.id), representative, members: sorted, publishers: publishersOf(sorted) };
}

/**
 * Units: items with the same canonical URL (an aggregator's link to an article is the article;
 * arXiv abs, pdf and versions are one URL), and items worded identically within the window.
 */
function units(items: readonly ClusterItem[], headlines: readonly Headline[], windowMs: number): Unit[] {
  const same = new UnionFind(items.length);
  const byUrl = new Map<string, number>();
  const byWording = new Map<string, number>();
  const inTime = items.map((_, i) => i).sort((i, j) => items[i]!.effectiveAt.getTime() - items[j]!.effectiveAt.getTime() || i - j);
  for (const i of inTime) {
    const url = items[i]!.url;
    if (url !== null) {
      const first = byUrl.get(url);
      if (first === undefined) byUrl.set(url, i);
      else same.union(first, i);
    }
    const wording = headlines[i]!.tokens.join(' ');
    if (wording === '' || items[i]!.selfPost) continue;
    const anchor = byWording.get(wording);
    if (anchor !== undefined && items[i]!.effectiveAt.getTime() - items[anchor]!.effectiveAt.getTime() <= windowMs) same.union(anchor, i);
    else byWording.set(wording, i);
  }
  const byRoot = new Map<number, Unit>();
  for (const i of inTime) {
    const root = same.find(i);
    const unit = byRoot.get(root) ?? { items: [], at: items[i]!.effectiveAt.getTime(), headlines: [] };
    byRoot.set(root, unit);
    unit.items.push(i);
    // A wording's summary is its first item's: a second copy of a headline rarely says more.
    const h = headlines[i]!;
    if (h.ids.length > 0 && !items[i]!.selfPost && !unit.headlines.some((o) => o.tokens.join(' ') === h.tokens.join(' '))) unit.headlines.push(h);
  }
  return [...byRoot.values()];
}

const hoursApart = (a: Unit, b: Unit) => Math.abs(a.at - b.at) / 3_600_000;

/** Wordings close enough in time to compare: within the window, or within RETOLD_WINDOWS of it when one retells the other. */
function inTime(x: Headline, y: Headline, ms: number, windowMs: number, weight: Float64Array): boolean {
  return ms <= windowMs || (ms <= RETOLD_WINDOWS * windowMs && retold(x, y, weight));
}

/** Two units tell of one event: close in time, some pair of wordings with enough evidence, and no pair contradicting. */
function matches(a: Unit, b: Unit, windowMs: number, threshold: number, weight: Float64Array): boolean {
  const ms = Math.abs(a.at - b.at);
  if (ms > RETOLD_WINDOWS * windowMs) return false;
  const hours = hoursApart(a, b);
  const some = a.headlines.some((x) => b.headlines.some((y) => inTime(x, y, ms, windowMs, weight) && eventScore(x, y, hours, weight) >= threshold));
  // The costlier check last: most pairs are already too far apart in words.
  return some && !a.headlines.some((x) => b.headlines.some((y) => conflicting(x, y)));
}

/**
 * One cluster per real-world story, without chaining: a unit joins a cluster only when it matches
 * every unit already in it (complete linkage), so "Acme Vision 2.0 adds video" and "Acme Vision
 * 1.5 adds video" never meet through "Acme Vision adds video". Stories are compared by the words
 * they share, each weighed by its rarity (weights.ts): headline and URL slug, and their summaries
 * (story.ts); candidate pairs come from an index of headline words (pairs.ts) and are merged
 * most similar first, so the result depends on the input, not its order. The vetoes read
 * headlines only (headline.ts: versions, names, makers; stance.ts: previews, rumours, repeats, deals).
 * Two stories from one publisher may share a cluster (a feed posting twice); coverage counts
 * distinct publishers.
 *
 * Known limits (pinned in the tests): words cannot tell "X" from "X safety report" when X is
 * short, nor two developments of one subject in similar words; paraphrases that share no headline
 * word are never compared, and numbers written two ways ("$10 billion" / "$10bn") contradict; a
 * Title Case headline has no readable names, so "Claude 3.5 Sonnet" / "Claude 3.5 Haiku" merge
 * when written so.
 */
export function clusterStories<T extends ClusterItem>(stories: readonly T[], options: ClusterOptions = {}): Cluster<T>[] {
  return clusterAndCompare(stories, options).clusters;
}

/** Clusters, and how close two of them come to telling one event (for the five: see closeness). */
export interface Clustering<T extends ClusterItem> {
  clusters: Cluster<T>[];
  /**
   * The strongest evidence (story.ts) that two clusters of this run tell one event: the best pair
   * of their members' wordings (single linkage, where clustering asks every pair: complete
   * linkage), 0 when any pair contradicts (versions, names, a stance: a preview …). For the five, where a
   * wrong "same" costs a place rather than merging two stories, so one event is not told twice.
   */
  closeness(a: Cluster<T>, b: Cluster<T>): number;
}

export function clusterAndCompare<T extends ClusterItem>(stories: readonly T[], options: ClusterOptions = {}): Clustering<T> {
  const windowMs = (options.windowHours ?? DEFAULT_WINDOW_HOURS) * 3_600_000;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const items = [...stories].sort((a, b) => a.id - b.id);
  const words: string[] = [];
  const wordIds = new Map<string, number>();
  const idOf = (word: string) => {
    let id = wordIds.get(word);
    if (id === undefined) wordIds.set(word, (id = words.push(word) - 1));
    return id;
  };
  const headlines = items.map((story) => headline(story.title, story.url, idOf, story.summary ?? ''));
  const weight = wordWeights(words, headlines.map((h) => h.story));
  const all = units(items, headlines, windowMs);

  // One entry per wording of a unit; the word index proposes pairs, the evidence keeps the strong ones.
  const entries = all.flatMap((unit, u) => unit.headlines.map((h) => ({ unit: u, h })));
  const similar = new Map<number, number>();
  const scored = new Set<number>();
  // The index holds headline words only: a pair that shares none is not one event told twice.
  forEachCandidatePair(entries.map((e) => e.h.ids), words.length, (x, y) => {
    const a = entries[x]!;
    const b = entries[y]!;
    const ms = Math.abs(all[a.unit]!.at - all[b.unit]!.at);
    if (a.unit === b.unit || ms > RETOLD_WINDOWS * windowMs) return;
    // A pair sharing several words is proposed once for each: score it once.
    const pairKey = x * entries.length + y;
    if (scored.has(pairKey)) return;
    scored.add(pairKey);
    const score = eventScore(a.h, b.h, hoursApart(all[a.unit]!, all[b.unit]!), weight);
    if (score < threshold || !inTime(a.h, b.h, ms, windowMs, weight)) return;
    const key = Math.min(a.unit, b.unit) * all.length + Math.max(a.unit, b.unit);
    if (score > (similar.get(key) ?? Number.NEGATIVE_INFINITY)) similar.set(key, score);
  });
  const pairs = [...similar].sort(([ka, sa], [kb, sb]) => sb - sa || ka - kb);

  const clusters = new UnionFind(all.length);
  const membersOf = all.map((_, u) => [u]);
  // A refusal stands: clusters only grow, and a root stays the root of a superset of what it held.
  const refused = new Set<number>();
  for (const [key] of pairs) {
    const ra = clusters.find(Math.floor(key / all.length));
    const rb = clusters.find(key % all.length);
    if (ra === rb) continue;
    const pairKey = Math.min(ra, rb) * all.length + Math.max(ra, rb);
    if (refused.has(pairKey)) continue;
    const whole = membersOf[ra]!.every((u) => membersOf[rb]!.every((v) => matches(all[u]!, all[v]!, windowMs, threshold, weight)));
    if (!whole) {
      refused.add(pairKey);
      continue;
    }
    clusters.union(ra, rb);
    const root = clusters.find(ra);
    membersOf[root] = [...membersOf[ra]!, ...membersOf[rb]!];
  }

  const groups = new Map<number, T[]>();
  all.forEach((unit, u) => {
    const root = clusters.find(u);
    const group = groups.get(root) ?? [];
    groups.set(root, group);
    for (const i of unit.items) group.push(items[i]!);
  });
  const found = [...groups.values()].map(toCluster).sort((a, b) => a.representative.id - b.representative.id);
  const indexOf = new Map(items.map((item, i) => [item.id, i]));
  const wordings = (c: Cluster<T>) =>
    c.members.flatMap((m) => {
      const i = indexOf.get(m.id);
      return i === undefined || m.selfPost || headlines[i]!.ids.length === 0 ? [] : [{ h: headlines[i]!, at: m.effectiveAt.getTime() }];
    });
  const closeness = (a: Cluster<T>, b: Cluster<T>): number => {
    let best = 0;
    for (const x of wordings(a)) {
      for (const y of wordings(b)) {
        if (conflicting(x.h, y.h)) return 0;
        best = Math.max(best, eventScore(x.h, y.h, Math.abs(x.at - y.at) / 3_600_000, weight));
      }
    }
    return best;
  };
  return { clusters: found, closeness };
}
