import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import { concepts, editions, editionStories } from '../db/schema/index.js';
import { lockKeys, waitForLock } from '../db/locks.js';
import { dateIn, isIsoDate } from '../shared/dates.js';
import { badInput } from '../shared/errors.js';
import { editionsPublished } from '../shared/metrics.js';
import { editionChanged } from './edition-events.js';
import { planEdition, type EditionPlan } from './plan.js';
import { conceptsForDate } from './rotation/index.js';
import type { EditionSnapshot } from './snapshot.js';
import type { CandidateStory } from './types.js';

export type EditionRow = typeof editions.$inferSelect;

export interface EditionDeps {
  database: Database;
  timeZone: string;
  now?: () => Date;
}

/** Fixed: changing it would reshuffle every future rotation. */
const rotationSeed = 'mlbrief-rotation-v2';
const conceptsPerEdition = 5;

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
  return (await explainEdition(db, date, timeZone, now)).draft;
}

/** The draft and every candidate cluster behind it, with the rule that kept each out of the five. */
export async function explainEdition(db: Db, date: string, timeZone: string, now: Date): Promise<{ draft: EditionDraft; plan: EditionPlan }> {
  const { snapshot, plan } = await buildSnapshot(db, date, timeZone, now);
  const draft = {
    date,
    publishedAt: now,
    content: snapshot,
    conceptSlugs: snapshot.concepts.map((c) => c.slug),
    contentHash: createHash('sha256').update(JSON.stringify(snapshot)).digest('base64url').slice(0, 27),
  };
  return { draft, plan };
}

export async function editionByDate(db: Db, date: string): Promise<EditionRow | undefined> {
  const [row] = await db.select().from(editions).where(eq(editions.date, date));
  return row;
}

/** The stories of the five as frozen: coverage is publishers, alsoCoveredBy one story per other publisher. */
function frozenStories(plan: EditionPlan): EditionSnapshot['stories'] {
  return plan.ranked.flatMap((r) => {
    if (!('rank' in r.outcome)) return [];
    const { representative: rep, members, publishers } = r.cluster;
    const others = new Map<string, CandidateStory>();
    for (const m of members) if (m.publisher !== rep.publisher && !others.has(m.publisher)) others.set(m.publisher, m);
    return [
      {
        rank: r.outcome.rank,
        score: r.score.total,
        reasons: r.reasons,
        storyId: rep.id,
        title: rep.title,
        url: rep.url,
        summary: rep.summary,
        sourceId: rep.sourceId,
        sourceName: rep.sourceName,
        publisher: rep.publisher,
        publishedAt: rep.effectiveAt.toISOString(),
        coverage: publishers.length,
        alsoCoveredBy: [...others.values()].map((m) => ({ storyId: m.id, sourceName: m.sourceName, publisher: m.publisher, url: m.url })),
      },
    ];
  });
}

async function buildSnapshot(db: Db, date: string, timeZone: string, now: Date): Promise<{ snapshot: EditionSnapshot; plan: EditionPlan }> {
  const plan = await planEdition(db, date, timeZone);
  const published = await db
    .select({ id: concepts.id, slug: concepts.slug, name: concepts.name, title: concepts.title, summary: concepts.summary, createdAt: concepts.createdAt })
    .from(concepts)
    .where(eq(concepts.status, 'published'));
  const slugs = conceptsForDate(date, published, { count: conceptsPerEdition, seed: rotationSeed });
  const bySlug = new Map(published.map((c) => [c.slug, c]));
  const snapshot: EditionSnapshot = {
    date,
    publishedAt: now.toISOString(),
    window: { start: plan.window.start.toISOString(), end: plan.window.end.toISOString(), reachedBackDays: plan.window.reachedBackDays },
    concepts: slugs.map((slug) => {
      const { id, name, title, summary } = bySlug.get(slug)!;
      return { id, slug, name, title, summary };
    }),
    stories: frozenStories(plan),
  };
  return { snapshot, plan };
}
