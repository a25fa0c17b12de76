import { and, count, desc, eq, getTableColumns, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { jsonObjectOf, jsonRowDecoder } from '../db/json-rows.js';
import { queryRows, type Db } from '../db/client.js';
import { concepts, stories, storyConcepts } from '../db/schema/index.js';
import { conceptColumns, type ConceptRow } from '../content/concepts.queries.js';
import { toPage, type Page } from '../content/pagination.js';

export type StoryRow = typeof stories.$inferSelect;

export interface StoryFilter {
  since?: Date | undefined;
  sourceId?: number | undefined;
  conceptSlug?: string | undefined;
}

/** Keyset position in the newest-first order: (effective_at, id) of the last row seen. */
export interface StoryKey {
  at: Date;
  id: number;
}

export const storyKey = (s: StoryRow) => `${s.effectiveAt.toISOString()}|${s.id}`;

export function parseStoryKey(key: string): StoryKey | undefined {
  const [at, id] = key.split('|');
  const date = new Date(at ?? '');
  return Number.isNaN(date.getTime()) || !Number.isSafeInteger(Number(id)) ? undefined : { at: date, id: Number(id) };
}

function filterWhere(filter: StoryFilter): SQL | undefined {
  return and(
    filter.since ? gte(stories.effectiveAt, filter.since) : undefined,
    filter.sourceId !== undefined ? eq(stories.sourceId, filter.sourceId) : undefined,
    filter.conceptSlug
      ? sql`exists (select 1 from ${storyConcepts} join ${concepts} on ${concepts.id} = ${storyConcepts.conceptId}
            where ${storyConcepts.storyId} = ${stories.id} and ${concepts.slug} = ${filter.conceptSlug})`
      : undefined,
  );
}

export async function listStories(db: Db, filter: StoryFilter, first: number, after?: StoryKey): Promise<Page<StoryRow>> {
  const rows = await db
    .select()
    .from(stories)
    .where(
      and(
        filterWhere(filter),
        after
          ? or(lt(stories.effectiveAt, after.at), and(eq(stories.effectiveAt, after.at), lt(stories.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(stories.effectiveAt), desc(stories.id))
    .limit(first + 1);
  return toPage(rows, first);
}

export async function countStories(db: Db, filter: StoryFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(stories).where(filterWhere(filter));
  return row?.n ?? 0;
}

export async function storiesByIds(db: Db, ids: readonly number[]): Promise<StoryRow[]> {
  return db.select().from(stories).where(inArray(stories.id, [...ids]));
}

export async function conceptsOfStories(db: Db, storyIds: readonly number[]) {
  const rows = await db
    .select({ storyId: storyConcepts.storyId, concept: conceptColumns })
    .from(storyConcepts)
    .innerJoin(concepts, eq(concepts.id, storyConcepts.conceptId))
    .where(and(inArray(storyConcepts.storyId, [...storyIds]), eq(concepts.status, 'published')))
    .orderBy(storyConcepts.storyId, concepts.slug);
  return rows as { storyId: number; concept: ConceptRow }[];
}

/** The newest `limit` stories of each concept, in one statement (a lateral join). */
export async function storiesOfConcepts(db: Db, conceptIds: readonly number[], limit: number) {
  const rows = await queryRows<{ concept_id: number; story: StoryRow }>(
    db,
    sql`select c.id as concept_id, ${storyJson} as story
        from unnest(${sql.raw(`ARRAY[${conceptIds.map(Number).join(',')}]::int[]`)}) as c(id)
        join lateral (
          select st.* from story_concepts sc join stories st on st.id = sc.story_id
          where sc.concept_id = c.id order by st.effective_at desc, st.id desc limit ${limit}
        ) s on true`,
  );
  if (decodeStory) for (const r of rows) decodeStory(r.story);
  return rows.map((r) => ({ conceptId: Number(r.concept_id), story: r.story }));
}

/** A story row as JSON under drizzle's keys, and what must be decoded in it (timestamps). */
const storyJson = jsonObjectOf('s', getTableColumns(stories));
const decodeStory = jsonRowDecoder(getTableColumns(stories));

/** All stories sharing a cluster with any of the given ones (cluster mates, including themselves). */
export async function clusterMates(db: Db, clusterIds: readonly number[]): Promise<StoryRow[]> {
  return db.select().from(stories).where(inArray(stories.clusterId, [...clusterIds])).orderBy(stories.id);
}
