import { and, asc, count, desc, eq, getTableColumns, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { concepts, conceptTags, tags } from '../db/schema/index.js';
import { toPage, type Page, type Window } from './pagination.js';

export type ConceptRow = Omit<typeof concepts.$inferSelect, 'search' | 'diagramSvg'>;
export type Difficulty = ConceptRow['difficulty'];

export interface ConceptFilter {
  tag?: string | undefined;
  difficulty?: Difficulty | undefined;
  /** Full-text filter in websearch syntax ("dropout -ensemble", "\"skip connection\""). */
  query?: string | undefined;
}

// The stored search vector is never sent to clients and the diagram is served on its own path;
// leaving them out keeps rows small.
const { search: _search, diagramSvg: _diagram, ...columns } = getTableColumns(concepts);
export const conceptColumns = columns;

const published = eq(concepts.status, 'published');

function filterWhere(filter: ConceptFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [published];
  if (filter.difficulty) conditions.push(eq(concepts.difficulty, filter.difficulty));
  if (filter.query) conditions.push(sql`${concepts.search} @@ websearch_to_tsquery('english', ${filter.query})`);
  if (filter.tag) {
    conditions.push(
      sql`exists (select 1 from ${conceptTags} join ${tags} on ${tags.id} = ${conceptTags.tagId}
            where ${conceptTags.conceptId} = ${concepts.id} and ${tags.slug} = ${filter.tag})`,
    );
  }
  return and(...conditions);
}

/** One page of published concepts in slug order; the window's keys are slugs. */
export async function listConcepts(db: Db, filter: ConceptFilter, window: Window): Promise<Page<ConceptRow>> {
  const rows = await conceptPageQuery(db, filter, window);
  return toPage(rows as ConceptRow[], window);
}

/**
 * The statement behind listConcepts (one row more than the window's size, in reverse when it pages
 * backward), to run or to nest in another; `columns` narrows what it selects (concept cards nest it).
 */
export function conceptPageQuery(db: Db, filter: ConceptFilter, window: Window, columns: Partial<typeof conceptColumns> = conceptColumns) {
  return db
    .select(columns)
    .from(concepts)
    .where(
      and(
        filterWhere(filter),
        window.after === undefined ? undefined : gt(concepts.slug, window.after),
        window.before === undefined ? undefined : lt(concepts.slug, window.before),
      ),
    )
    .orderBy(window.backward ? desc(concepts.slug) : asc(concepts.slug))
    .limit(window.size + 1);
}

export async function countConcepts(db: Db, filter: ConceptFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(concepts).where(filterWhere(filter));
  return row?.n ?? 0;
}

export async function conceptsBySlugs(db: Db, slugs: readonly string[]): Promise<ConceptRow[]> {
  const rows = await db.select(conceptColumns).from(concepts).where(and(published, inArray(concepts.slug, [...slugs])));
  return rows as ConceptRow[];
}

export async function conceptsByIds(db: Db, ids: readonly number[]): Promise<ConceptRow[]> {
  const rows = await db.select(conceptColumns).from(concepts).where(and(published, inArray(concepts.id, [...ids])));
  return rows as ConceptRow[];
}

export interface SearchHit {
  concept: ConceptRow;
  rank: number;
}

/** The one statement `search` runs, unexecuted: the growth bench EXPLAINs exactly this. */
export function searchStatement(db: Db, query: string, first: number, offset = 0) {
  const tsquery = sql`websearch_to_tsquery('english', ${query})`;
  const rank = sql<number>`ts_rank_cd(${concepts.search}, ${tsquery})`;
  return db
    .select({ ...conceptColumns, rank })
    .from(concepts)
    .where(and(published, sql`${concepts.search} @@ ${tsquery}`))
    .orderBy(desc(rank), asc(concepts.slug))
    .limit(first)
    .offset(offset);
}

/** Ranked full-text search (websearch syntax): name and title weigh most, then summary, example. */
export async function searchConcepts(db: Db, query: string, first: number, offset = 0): Promise<SearchHit[]> {
  const rows = await searchStatement(db, query, first, offset);
  return rows.map(({ rank: r, ...concept }) => ({ concept: concept as ConceptRow, rank: Number(r) }));
}

export async function countSearch(db: Db, query: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(concepts)
    .where(and(published, sql`${concepts.search} @@ websearch_to_tsquery('english', ${query})`));
  return Number(row?.n ?? 0);
}

/**
 * A window of the ranking, by position: a ranked list has no stable key to seek from, so its
 * cursors carry the place of the hit (0 is the best). Paging backward from the end counts first.
 */
export async function searchPage(db: Db, query: string, window: Window<number>): Promise<Page<SearchHit & { offset: number }>> {
  const floor = window.after === undefined ? 0 : window.after + 1;
  const ceiling = window.before ?? (window.backward ? await countSearch(db, query) : Infinity);
  const start = window.backward ? Math.max(floor, ceiling - window.size) : floor;
  const wanted = Math.min(window.backward ? ceiling - start : window.size + 1, ceiling - start);
  const hits = wanted > 0 ? await searchConcepts(db, query, wanted, start) : [];
  const rows = hits.slice(0, window.size).map((hit, i) => ({ ...hit, offset: start + i }));
  return window.backward
    ? { rows, hasPreviousPage: start > floor, hasNextPage: window.before !== undefined }
    : { rows, hasPreviousPage: start > 0, hasNextPage: hits.length > window.size || window.before !== undefined };
}
