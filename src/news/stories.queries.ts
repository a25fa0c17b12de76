import { and, asc, count, desc, eq, getTableColumns, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { jsonObjectOf, jsonRowDecoder } from '../db/json-rows.js';
import { queryRows, type Db } from '../db/client.js';
import { concepts, stories, storyConcepts } from '../db/schema/index.js';
import { conceptColumns, type ConceptRow } from '../content/concepts.queries.js';
import { toPage, type Page, type Window } from '../content/pagination.js';

export type StoryRow = typeof stories.$inferSelect;

export interface StoryFilter {
  since?: Date | undefined;
  sourceId?: number | undefined;
  conceptSlug?: string | undefined;
}

/**
 * Keyset position in the newest-first order: (effective_at, id) of a row. `at` is the timestamp as
 * PostgreSQL stores it, to the microsecond (a JS Date keeps milliseconds: a cursor built from one
 * skipped rows stored within the same millisecond).
 */
export interface StoryKey {
  at: string;
  id: number;
}

/** A story with the full-precision text of its effective_at, which its cursor carries. */
export type PagedStoryRow = StoryRow & { cursorAt?: string };

export const storyKey = (s: PagedStoryRow) => `${s.cursorAt ?? s.effectiveAt.toISOString()}|${s.id}`;

const keyInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function parseStoryKey(key: string): StoryKey | undefined {
  const [at, id, ...rest] = key.split('|');
  const n = Number(id);
  if (rest.length || !at || !keyInstant.test(at) || Number.isNaN(new Date(at).getTime()) || !Number.isSafeInteger(n)) return undefined;
  return { at, id: n };
}

/** effective_at as UTC text with microseconds: what cursors carry. */
const cursorAtOf = (column: SQL | typeof stories.effectiveAt) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

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

/** Rows older than `key` in the newest-first order (`older`), else newer. */
function beyond(at: SQL | typeof stories.effectiveAt, id: SQL | typeof stories.id, key: StoryKey, older: boolean): SQL {
  const op = sql.raw(older ? '<' : '>');
  return sql`(${at} ${op} ${key.at}::timestamptz or (${at} = ${key.at}::timestamptz and ${id} ${op} ${key.id}))`;
}

/** The window's bounds: `after` is older in this order, `before` newer. */
function windowWhere(window: Window<StoryKey>, at: SQL | typeof stories.effectiveAt = stories.effectiveAt, id: SQL | typeof stories.id = stories.id): SQL | undefined {
  return and(window.after && beyond(at, id, window.after, true), window.before && beyond(at, id, window.before, false));
}

export async function listStories(db: Db, filter: StoryFilter, window: Window<StoryKey>): Promise<Page<PagedStoryRow>> {
  const rows = await db
    .select({ ...getTableColumns(stories), cursorAt: cursorAtOf(stories.effectiveAt) })
    .from(stories)
    .where(and(filterWhere(filter), windowWhere(window)))
    .orderBy(...(window.backward ? [asc(stories.effectiveAt), asc(stories.id)] : [desc(stories.effectiveAt), desc(stories.id)]))
    .limit(window.size + 1);
  return toPage(rows, window);
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

/** A window of each concept's stories, newest first (as listStories pages them), in one statement (a lateral join). */
export async function storiesOfConcepts(db: Db, conceptIds: readonly number[], window: Window<StoryKey>) {
  // Window and order on story_concepts' copy of the date: one index read, O(page) (schema/news.ts).
  const where = windowWhere(window, sql`sc.effective_at`, sql`sc.story_id`);
  const order = sql.raw(window.backward ? 'sc.effective_at asc, sc.story_id asc' : 'sc.effective_at desc, sc.story_id desc');
  const rows = await queryRows<{ concept_id: number; story: PagedStoryRow; cursor_at: string }>(
    db,
    sql`select c.id as concept_id, ${storyJson} as story, ${cursorAtOf(sql`s.effective_at`)} as cursor_at
        from unnest(${sql.raw(`ARRAY[${conceptIds.map(Number).join(',')}]::int[]`)}) as c(id)
        join lateral (
          select st.* from story_concepts sc join stories st on st.id = sc.story_id
          where sc.concept_id = c.id ${where ? sql`and ${where}` : sql``} order by ${order} limit ${window.size + 1}
        ) s on true
        order by c.id, ${sql.raw(window.backward ? 's.effective_at asc, s.id asc' : 's.effective_at desc, s.id desc')}`,
  );
  if (decodeStory) for (const r of rows) decodeStory(r.story);
  return rows.map((r) => ({ conceptId: Number(r.concept_id), story: Object.assign(r.story, { cursorAt: r.cursor_at }) }));
}

/** Stories that mention each concept, counted in one statement. */
export async function countStoriesOfConcepts(db: Db, conceptIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await db
    .select({ conceptId: storyConcepts.conceptId, n: count() })
    .from(storyConcepts)
    .where(inArray(storyConcepts.conceptId, [...conceptIds]))
    .groupBy(storyConcepts.conceptId);
  return new Map(rows.map((r) => [r.conceptId, Number(r.n)]));
}

/** A story row as JSON under drizzle's keys, and what must be decoded in it (timestamps). */
const storyJson = jsonObjectOf('s', getTableColumns(stories));
const decodeStory = jsonRowDecoder(getTableColumns(stories));

/** All stories sharing a cluster with any of the given ones (cluster mates, including themselves). */
export async function clusterMates(db: Db, clusterIds: readonly number[]): Promise<StoryRow[]> {
  return db.select().from(stories).where(inArray(stories.clusterId, [...clusterIds])).orderBy(stories.id);
}
