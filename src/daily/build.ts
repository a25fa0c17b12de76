import { createHash } from 'node:crypto';
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import { concepts, editions, editionStories } from '../db/schema/index.js';
import { lockKeys, waitForLock } from '../db/locks.js';
import { addDays, dateIn, isIsoDate, startOfDay } from '../shared/dates.js';
import { badInput } from '../shared/errors.js';
import { editionsPublished } from '../shared/metrics.js';
import { editionChanged } from './edition-events.js';
import { candidateStories } from './candidates.queries.js';
import { clusterStories } from './cluster/index.js';
import { rankClusters } from './rank/index.js';
import { pickConcepts } from './rotation/index.js';
import type { EditionSnapshot } from './snapshot.js';
import type { RankedCluster } from './types.js';

export type EditionRow = typeof editions.$inferSelect;

export interface EditionDeps {
  database: Database;
  timeZone: string;
  now?: () => Date;
}

/** Fixed: changing it would reshuffle every future rotation. */
const rotationSeed = 'mlbrief-rotation-v1';
const storiesPerEdition = 5;
const conceptsPerEdition = 5;
const maxReachBackDays = 3;

/** An edition as publishing would store it, before it has a row id. */
export type EditionDraft = Omit<EditionRow, 'id'>;

/** Refuses what is not a calendar date, and dates after today in `timeZone`. */
export function checkEditionDate(date: string, timeZone: string, now: Date): void {
  if (!isIsoDate(date)) throw badInput('date must be a calendar date, YYYY-MM-DD');
  if (date > dateIn(timeZone, now)) throw badInput(`${date} is in the future; its news has not happened yet`);
}

/**
 * The edition for `date`: the stored one if published (frozen), otherwise built from what is
 * stored and published now. `force` rebuilds a published one. Dates after today are refused.
 * Publishing holds an advisory transaction lock and the UNIQUE(date) row decides, so concurrent
 * publishers produce one edition.
 */
export async function publishEdition(deps: EditionDeps, date: string, options: { force?: boolean } = {}): Promise<EditionRow> {
  const now = (deps.now ?? (() => new Date()))();
  checkEditionDate(date, deps.timeZone, now);
  const { db } = deps.database;
  if (!options.force) {
    const existing = await editionByDate(db, date);
    if (existing) return existing;
  }
  return db.transaction(async (tx) => {
    await waitForLock(tx, lockKeys.edition);
    const t = tx as unknown as Db;
    const existing = await editionByDate(t, date);
    if (existing && !options.force) return existing;
    const values = await buildEdition(t, date, deps.timeZone, now);
    const [row] = await t
      .insert(editions)
      .values(values)
      .onConflictDoUpdate({ target: editions.date, set: { ...values } })
      .returning();
    await t.delete(editionStories).where(eq(editionStories.editionId, row!.id));
    if (values.content.stories.length) {
      await t
        .insert(editionStories)
        .values(values.content.stories.map((s) => ({ editionId: row!.id, rank: s.rank, storyId: s.storyId, score: s.score })));
    }
    editionsPublished.inc();
    return row!;
  }).finally(editionChanged); // after commit, so no cache refills from the old row
}

/** The edition for `date` exactly as publishing it at `now` would freeze it, built in memory only. */
export async function buildEdition(db: Db, date: string, timeZone: string, now: Date): Promise<EditionDraft> {
  const snapshot = await buildSnapshot(db, date, timeZone, now);
  return {
    date,
    publishedAt: now,
    content: snapshot,
    conceptSlugs: snapshot.concepts.map((c) => c.slug),
    contentHash: createHash('sha256').update(JSON.stringify(snapshot)).digest('base64url').slice(0, 27),
  };
}

export async function editionByDate(db: Db, date: string): Promise<EditionRow | undefined> {
  const [row] = await db.select().from(editions).where(eq(editions.date, date));
  return row;
}

async function buildSnapshot(db: Db, date: string, timeZone: string, now: Date): Promise<EditionSnapshot> {
  const end = startOfDay(date, timeZone);
  let ranked: RankedCluster[] = [];
  let days = 1;
  // A morning paper: D's brief carries D-1's news; a thin day reaches back, a day at a time.
  for (; days <= maxReachBackDays; days++) {
    const start = startOfDay(addDays(date, -days), timeZone);
    const clusters = clusterStories(await candidateStories(db, start, end));
    ranked = rankClusters(clusters, { windowEnd: end, limit: storiesPerEdition, maxPerSource: 2 });
    if (ranked.length >= storiesPerEdition) break;
  }
  days = Math.min(days, maxReachBackDays);
  const reachNote = days > 1 ? [`from the ${days} days before the edition (fewer than five stories in the last 24 hours)`] : [];

  const history = await db
    .select({ date: editions.date, conceptSlugs: editions.conceptSlugs })
    .from(editions)
    .where(lt(editions.date, date))
    .orderBy(asc(editions.date));
  const published = await db
    .select({ id: concepts.id, slug: concepts.slug, name: concepts.name, title: concepts.title, summary: concepts.summary, createdAt: concepts.createdAt })
    .from(concepts)
    .where(and(eq(concepts.status, 'published')));
  const slugs = pickConcepts(
    history.map((h) => ({ date: h.date, conceptSlugs: h.conceptSlugs })),
    published.map((c) => ({ slug: c.slug, createdAt: c.createdAt })),
    { date, count: conceptsPerEdition, seed: rotationSeed },
  );
  const bySlug = new Map(published.map((c) => [c.slug, c]));

  return {
    date,
    publishedAt: now.toISOString(),
    window: { start: startOfDay(addDays(date, -days), timeZone).toISOString(), end: end.toISOString(), reachedBackDays: days },
    concepts: slugs.map((slug) => {
      const { id, name, title, summary } = bySlug.get(slug)!;
      return { id, slug, name, title, summary };
    }),
    stories: ranked.map(({ rank, score, reasons, cluster }) => {
      const r = cluster.representative;
      return {
        rank,
        score,
        reasons: [...reasons, ...reachNote],
        storyId: r.id,
        title: r.title,
        url: r.url,
        summary: r.summary,
        sourceId: r.sourceId,
        sourceName: r.sourceName,
        publishedAt: r.effectiveAt.toISOString(),
        coverage: cluster.sources.length,
        alsoCoveredBy: [...new Map(cluster.members.filter((m) => m.sourceId !== r.sourceId).map((m) => [m.sourceId, m])).values()].map(
          (m) => ({ storyId: m.id, sourceName: m.sourceName, url: m.url }),
        ),
      };
    }),
  };
}
