import { asc, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { tags } from '../db/schema/index.js';
import { jsonObjectOf, jsonRowDecoder } from '../db/json-rows.js';
import { conceptColumns, type ConceptRow } from './concepts.queries.js';
import type { TagRow } from './relations.queries.js';
import type { Window } from './pagination.js';

export async function allTags(db: Db): Promise<TagRow[]> {
  return db.select().from(tags).orderBy(asc(tags.slug));
}

export async function tagsBySlugs(db: Db, slugs: readonly string[]): Promise<TagRow[]> {
  return db.select().from(tags).where(inArray(tags.slug, [...slugs]));
}

export async function tagsByIds(db: Db, ids: readonly number[]): Promise<TagRow[]> {
  return db.select().from(tags).where(inArray(tags.id, [...ids]));
}

const conceptJson = jsonObjectOf('page', conceptColumns);
const decodeConcept = jsonRowDecoder(conceptColumns);
const conceptColumnList = sql.raw(Object.values(conceptColumns).map((c) => `c."${c.name}"`).join(', '));

interface TagConceptRow {
  tag_id: number;
  total: number;
  concept: ConceptRow | null;
}

/**
 * A window of published concepts (slug order) for each of many tags in one statement (a lateral
 * join), so `tags { concepts(first: 5) }` costs one query, not one per tag. Fetches `size + 1`,
 * in reverse when paging backward, for toPage.
 */
export async function conceptsOfTags(
  db: Db,
  tagIds: readonly number[],
  window: Window,
): Promise<{ tagId: number; total: number; concept: ConceptRow | null }[]> {
  const order = sql.raw(window.backward ? 'desc' : 'asc');
  const rows = await queryRows<TagConceptRow>(
    db,
    sql`select t.id as tag_id,
          (select count(*)::int from concept_tags ct2 join concepts c2 on c2.id = ct2.concept_id
            where ct2.tag_id = t.id and c2.status = 'published') as total,
          case when page.id is null then null else ${conceptJson} end as concept
        from unnest(${sql.raw(`ARRAY[${tagIds.map(Number).join(',')}]::int[]`)}) as t(id)
        left join lateral (
          -- Named columns: the search vector is never sent, and rendering it to JSON is costly.
          select ${conceptColumnList} from concept_tags ct join concepts c on c.id = ct.concept_id
          where ct.tag_id = t.id and c.status = 'published'
            and (${window.after ?? null}::text is null or c.slug > ${window.after ?? null}::text)
            and (${window.before ?? null}::text is null or c.slug < ${window.before ?? null}::text)
          order by c.slug ${order} limit ${window.size + 1}
        ) page on true
        order by t.id, page.slug ${order}`,
  );
  if (decodeConcept) for (const r of rows) if (r.concept) decodeConcept(r.concept);
  return rows.map((r) => ({ tagId: Number(r.tag_id), total: Number(r.total), concept: r.concept }));
}
