import { and, asc, count, desc, eq, getTableColumns, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { concepts, conceptTags, tags } from '../db/schema/index.js';
import { toPage, type Page } from './pagination.js';

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

/** One page of published concepts in slug order; `after` is the last slug of the previous page. */
export async function listConcepts(db: Db, filter: ConceptFilter, first: number, after?: string): Promise<Page<ConceptRow>> {
  const rows = await conceptPageQuery(db, filter, first, after);
  return toPage(rows as ConceptRow[], first);
}

/**
 * The statement behind listConcepts (one row more than `first`), to run or to nest in another;
 * `columns` narrows what it selects (concept cards nest it).
 */
export function conceptPageQuery(db: Db, filter: ConceptFilter, first: number, after?: string, columns: Partial<typeof conceptColumns> = conceptColumns) {
  return db
    .select(columns)
    .from(concepts)
    .where(and(filterWhere(filter), after === undefined ? undefined : gt(concepts.slug, after)))
    .orderBy(asc(concepts.slug))
    .limit(first + 1);
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
export function searchStatement(db: Db, query: string, first: number) {
  const tsquery = sql`websearch_to_tsquery('english', ${query})`;
  const rank = sql<number>`ts_rank_cd(${concepts.search}, ${tsquery})`;
  return db
    .select({ ...conceptColumns, rank })
    .from(concepts)
    .where(and(published, sql`${concepts.search} @@ ${tsquery}`))
    .orderBy(desc(rank), asc(concepts.slug))
    .limit(first);
}

/** Ranked full-text search (websearch syntax): name and title weigh most, then summary, example. */
export async function searchConcepts(db: Db, query: string, first: number): Promise<SearchHit[]> {
  const rows = await searchStatement(db, query, first);
  return rows.map(({ rank: r, ...concept }) => ({ concept: concept as ConceptRow, rank: Number(r) }));
}
