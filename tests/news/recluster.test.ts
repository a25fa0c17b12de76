import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowCandidates } from '../../src/daily/candidates.queries.js';
import { clusterStories, DEFAULT_THRESHOLD, DEFAULT_WINDOW_HOURS, RETOLD_WINDOWS, type Cluster, type ClusterItem } from '../../src/news/cluster/index.js';
import { conflicting, headline, type Headline } from '../../src/news/cluster/headline.js';
import { maxPosting } from '../../src/news/cluster/pairs.js';
import { headlineTokens } from '../../src/news/cluster/shingles.js';
import { eventScore, retold } from '../../src/news/cluster/story.js';
import { wordWeights } from '../../src/news/cluster/weights.js';
import { queryRows, type Db } from '../../src/db/client.js';
import { sources } from '../../src/db/schema/index.js';
import { reclusterRecent } from '../../src/news/recluster.js';
import { addSource } from '../../src/news/sources.queries.js';
import { storeStories, type StoryToStore } from '../../src/news/stories.store.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { seededRandom } from '../support/random.js';

/**
 * clusterStories written the slow, obvious way: units (one URL, or one wording within the window),
 * every pair of units compared (those sharing a word no more than maxPosting headlines use: the
 * candidate rule; beyond the window, up to RETOLD_WINDOWS of it, only wordings that retell each
 * other), the alike pairs merged most similar first, each merge only when every unit of
 * one cluster matches every unit of the other. The fast version (a word index, refusals
 * remembered) must give exactly these clusters.
 */
function referenceClusters(stories: ClusterItem[]): Array<{ representative: number; members: number[] }> {
  const windowMs = DEFAULT_WINDOW_HOURS * 3_600_000;
  const items = [...stories].sort((a, b) => a.id - b.id);
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  const words: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (w: string) => ids.get(w) ?? (ids.set(w, words.push(w) - 1), words.length - 1);
  const headlines = items.map((s) => Object.assign(headline(s.title, s.url, idOf, s.summary ?? ''), { wording: headlineTokens(s.title).join(' ') }));
  const weight = wordWeights(words, headlines.map((h) => h.story));
  const inTime = items.map((_, i) => i).sort((i, j) => items[i]!.effectiveAt.getTime() - items[j]!.effectiveAt.getTime() || i - j);
  const byUrl = new Map<string, number>();
  const byWording = new Map<string, number>();
  for (const i of inTime) {
    const url = items[i]!.url;
    if (url !== null) {
      if (byUrl.has(url)) union(byUrl.get(url)!, i);
      else byUrl.set(url, i);
    }
    const w = headlines[i]!.wording;
    if (w === '' || items[i]!.selfPost) continue;
    const anchor = byWording.get(w);
    if (anchor !== undefined && items[i]!.effectiveAt.getTime() - items[anchor]!.effectiveAt.getTime() <= windowMs) union(anchor, i);
    else byWording.set(w, i);
  }
  const unitOf = new Map<number, number[]>();
  for (const i of inTime) unitOf.set(find(i), [...(unitOf.get(find(i)) ?? []), i]);
  const units = [...unitOf.values()].map((members) => ({
    members,
    at: items[members[0]!]!.effectiveAt.getTime(),
    // One per wording, the earliest's (its URL slug counts too).
    headlines: [...new Map(members.filter((i) => headlines[i]!.ids.length > 0 && !items[i]!.selfPost).reverse().map((i) => [headlines[i]!.wording, headlines[i]!])).values()],
  }));
  const uses = new Map<number, number>();
  for (const u of units) for (const h of u.headlines) for (const id of h.ids) uses.set(id, (uses.get(id) ?? 0) + 1);
  const entries = units.reduce((n, u) => n + u.headlines.length, 0);
  const proposed = (x: Headline, y: Headline) => [...x.ids].some((id) => y.ids.includes(id) && uses.get(id)! <= maxPosting(entries));
  const compare = (a: (typeof units)[number], b: (typeof units)[number], onlyProposed: boolean) => {
    const apart = Math.abs(a.at - b.at);
    if (apart > RETOLD_WINDOWS * windowMs) return { sim: 0, clash: false };
    let sim = Number.NEGATIVE_INFINITY;
    let clash = false;
    for (const x of a.headlines) for (const y of b.headlines) {
      clash ||= conflicting(x, y);
      // Beyond the window, only a story told again is compared.
      if (apart > windowMs && !retold(x, y, weight)) continue;
      if (!onlyProposed || proposed(x, y)) sim = Math.max(sim, eventScore(x, y, apart / 3_600_000, weight));
    }
    return { sim, clash };
  };
  const pairs: Array<[number, number, number]> = [];
  units.forEach((a, u) => units.forEach((b, v) => {
    if (v <= u) return;
    const { sim } = compare(a, b, true);
    if (sim >= DEFAULT_THRESHOLD) pairs.push([u, v, sim]);
  }));
  pairs.sort((x, y) => y[2] - x[2] || x[0] * units.length + x[1] - (y[0] * units.length + y[1]));
  const cluster = units.map((_, u) => [u]);
  const clusterOf = units.map((_, u) => u);
  for (const [u, v] of pairs) {
    const cu = clusterOf[u]!;
    const cv = clusterOf[v]!;
    if (cu === cv) continue;
    const whole = cluster[cu]!.every((x) => cluster[cv]!.every((y) => {
      const { sim, clash } = compare(units[x]!, units[y]!, false);
      return sim >= DEFAULT_THRESHOLD && !clash;
    }));
    if (!whole) continue;
    for (const y of cluster[cv]!) clusterOf[y] = cu;
    cluster[cu] = [...cluster[cu]!, ...cluster[cv]!];
    cluster[cv] = [];
  }
  const precedence = (a: ClusterItem, b: ClusterItem) =>
    Number(a.aggregator) - Number(b.aggregator) || b.sourceWeight - a.sourceWeight || a.effectiveAt.getTime() - b.effectiveAt.getTime() || a.id - b.id;
  return cluster
    .filter((c) => c.length > 0)
    .map((c) => c.flatMap((u) => units[u]!.members.map((i) => items[i]!)))
    .map((g) => ({ representative: [...g].sort(precedence)[0]!.id, members: g.map((s) => s.id).sort((a, b) => a - b) }))
    .sort((a, b) => a.representative - b.representative);
}

const shape = (clusters: Cluster<ClusterItem>[]) =>
  clusters.map((c) => ({ representative: c.representative.id, members: c.members.map((m) => m.id).sort((a, b) => a - b) }));

const pick = <T,>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
const SUBJECTS = ['OpenAI', 'Google DeepMind', 'Meta', 'Anthropic', 'Mistral', 'a Stanford team', 'Hugging Face'];
const MODELS = ['GPT-5', 'Gemini 1.5', 'Gemini 2.0', 'Claude 3.5 Sonnet', 'Claude 3.5 Haiku', 'Llama 4 Scout', 'a new dataset', 'dropout'];
const VERBS = ['releases', 'launches', 'unveils', 'pauses', 'delays', 'open-sources', 'is testing', 'says it will ship'];
const TAILS = ['with improved reasoning', 'for researchers', 'to all users', 'after safety review', '', 'in Europe', '$10 billion deal', 'on 5 benchmarks'];

/**
 * Stories about a few hundred events, each told by several sources in their own words (another
 * verb, a tail added or dropped, another model named, Title Case), hours to days apart, most with a
 * summary; plus a
 * firehose of one identical headline (a crowded bucket) and numbered paper titles.
 */
function generated(seed: number, count: number): ClusterItem[] {
  const next = seededRandom(seed);
  const start = Date.parse('2026-11-20T00:00:00Z');
  const events = Array.from({ length: Math.ceil(count / 6) }, (_, e) => ({
    subject: `${pick(next, SUBJECTS)} project${e}`,
    model: pick(next, MODELS),
    tail: pick(next, TAILS),
    at: start + Math.floor(next() * 96 * 3_600_000),
  }));
  return Array.from({ length: count }, (_, n) => {
    const kind = next();
    const event = pick(next, events);
    let title: string;
    if (kind < 0.1) title = 'Dropout study results for transformers';
    else if (kind < 0.25) title = `${pick(next, ['dropout', 'LoRA', 'gradient'])} study ${Math.floor(next() * 3)}-${Math.floor(next() * 40)}: ${pick(next, ['transformer', 'scaling'])} results`;
    else {
      const model = next() < 0.15 ? pick(next, MODELS) : event.model;
      const tail = next() < 0.3 ? pick(next, TAILS) : event.tail;
      title = `${event.subject} ${pick(next, VERBS)} ${model} ${tail}`.trim();
      if (next() < 0.3) title = title.replace(/\b\w/g, (c) => c.toUpperCase());
    }
    const sourceId = 1 + Math.floor(next() * 6);
    return {
      id: 1 + ((n * 7919) % count), // ids not in input order
      publisher: `s${sourceId}`,
      aggregator: sourceId === 6,
      selfPost: false,
      sourceWeight: sourceId % 3,
      title,
      url: next() < 0.1 ? `https://shared.example/${event.subject}` : next() < 0.05 ? null : `https://x.example/${n}`,
      effectiveAt: new Date(event.at + Math.floor((next() - 0.5) * 60 * 3_600_000)),
      // Most feeds give a summary, naming the event's subject and model in other words; Hacker News gives none.
      summary: next() < 0.7 ? `${pick(next, ['Reportedly,', 'Today'])} ${event.subject} said ${event.model} ${pick(next, TAILS)} would reach ${pick(next, SUBJECTS)} users` : '',
    };
  });
}

describe('clustering recent stories', () => {
  it.each([
    [1, 400],
    [2, 1500],
    [3, 2500],
  ])('gives exactly the clusters of checking every candidate pair (seed %i, %i stories)', (seed, count) => {
    const stories = generated(seed, count);
    const clusters = shape(clusterStories(stories));
    expect(clusters.some((c) => c.members.length > 10)).toBe(true);
    expect(clusters.filter((c) => c.members.length > 1).length).toBeGreaterThan(10);
    expect(clusters).toEqual(referenceClusters(stories));
  });
});

describe(`reclustering after an ingest pass on ${backend}`, () => {
  let database: TestDatabase;
  let db: Db;
  // The real clock: undated stories count from first_seen_at, which the database sets to now().
  const now = new Date();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    const next = seededRandom(9);
    const all = generated(10, 1200);
    for (let s = 0; s < 4; s++) {
      const { id } = await addSource(db, { url: `https://recluster.example/${s}`, name: `source ${s}`, weight: [1, 2.5, 0.7, 10][s] });
      const items: StoryToStore[] = all
        .filter((_, n) => n % 4 === s)
        .map((story) => ({
          identity: `guid:${story.id}`,
          guid: String(story.id),
          url: story.url,
          title: story.title,
          summary: story.summary ?? '',
          contentHtml: null,
          author: null,
          arxivId: null,
          points: null,
          comments: null,
          arxivAnnounce: null,
          // Undated ones count from when they were first seen, a time with microseconds. The
          // generated times move so the newest is an hour ago: a little over half are in the window.
          publishedAt: next() < 0.2 ? null : new Date(story.effectiveAt.getTime() + now.getTime() - Date.parse('2026-11-25T07:00:00Z')),
          conceptIds: [],
        }));
      await db.transaction((tx) => storeStories(tx as unknown as Db, id, items));
    }
    expect((await db.select().from(sources)).length).toBe(4);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it("stores as each story's cluster what clustering the edition's candidates gives", async () => {
    const windowStart = new Date(now.getTime() - 72 * 3_600_000);
    const windowEnd = new Date(now.getTime() + 60_000);
    const expected = clusterStories(await windowCandidates(db, windowStart, windowEnd));
    expect(expected.filter((c) => c.members.length > 1).length).toBeGreaterThan(20);
    await reclusterRecent(db, now);
    const stored = await queryRows<{ id: number; cluster_id: number | null; in_window: boolean }>(
      db,
      sql`select id, cluster_id, effective_at >= ${windowStart.toISOString()}::timestamptz and effective_at < ${windowEnd.toISOString()}::timestamptz as in_window
          from stories order by id`,
    );
    const clusterOf = new Map(expected.flatMap((c) => c.members.map((m) => [m.id, c.representative.id] as const)));
    expect(stored.filter((s) => s.in_window).map((s) => [Number(s.id), Number(s.cluster_id)])).toEqual(
      stored.filter((s) => s.in_window).map((s) => [Number(s.id), clusterOf.get(Number(s.id))]),
    );
    expect(stored.filter((s) => s.in_window).length).toBeGreaterThan(600);
    expect(stored.filter((s) => !s.in_window).length).toBeGreaterThan(100);
    expect(stored.filter((s) => !s.in_window).every((s) => s.cluster_id === null)).toBe(true);
  });
});
