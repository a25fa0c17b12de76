import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import type { NormalizedItem } from './types.js';

export interface StoryToStore extends NormalizedItem {
  conceptIds: number[];
}

export interface StoreResult {
  seen: number;
  inserted: number;
  updated: number;
}

const chunkSize = 500;

/**
 * The drivers send a lone surrogate as U+FFFD (they encode text as UTF-8); PostgreSQL's JSON
 * parser would refuse it instead, so it is replaced here the same way.
 */
const wellFormed = (text: string | null): string | null =>
  text === null ? null : (text as string & { toWellFormed(): string }).toWellFormed();

/**
 * One chunk as a single JSON parameter: one value to bind however many rows, where a multi-row
 * VALUES list costs a bound parameter (and the query builder's work) per column per row.
 */
function chunkJson(chunk: StoryToStore[]): string {
  return JSON.stringify(
    chunk.map((i) => ({
      identity: wellFormed(i.identity),
      guid: wellFormed(i.guid),
      url: wellFormed(i.url),
      title: wellFormed(i.title),
      summary: wellFormed(i.summary),
      content_html: wellFormed(i.contentHtml),
      author: wellFormed(i.author),
      arxiv_id: wellFormed(i.arxivId),
      published_at: i.publishedAt?.toISOString() ?? null,
      points: i.points,
      comments: i.comments,
      arxiv_announce: i.arxivAnnounce,
      concept_ids: i.conceptIds,
    })),
  );
}

/** Database ids only, so they can be written into the statement as numbers. */
const idArray = (ids: number[], type: 'bigint' | 'integer') => sql.raw(`ARRAY[${ids.map((id) => Number(id)).join(',')}]::${type}[]`);

/** A json column, which one driver hands over parsed and the other as text. */
const fromJson = <T>(value: T | string | null): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/**
 * Upserts one feed's items, a statement per chunk, the UNIQUE (source_id, identity) constraint
 * doing the dedupe. Unchanged items are not rewritten, so a second ingest of the same feed changes
 * nothing; a story's date is fixed when first seen, so editions stay reproducible, and so is how arXiv
 * announced it (a paper first seen new stays new when replaced later). Points and comments follow
 * the aggregator, but a fetch that shows none keeps the last ones seen. New stories get
 * their concept links in the same statement; a rewritten story's links are replaced after it.
 */
export async function storeStories(db: Db, sourceId: number, items: StoryToStore[]): Promise<StoreResult> {
  const unique = [...new Map(items.map((i) => [i.identity, i])).values()]; // one row per identity per statement
  const result: StoreResult = { seen: unique.length, inserted: 0, updated: 0 };
  for (let start = 0; start < unique.length; start += chunkSize) {
    const chunk = unique.slice(start, start + chunkSize);
    const [written] = await queryRows<{ inserted: number; updated: Array<[number, string]> | string | null }>(
      db,
      sql`with input as (
          select * from json_to_recordset(${chunkJson(chunk)}::json) as x(identity text, guid text, url text, title text,
            summary text, content_html text, author text, arxiv_id text, published_at timestamptz, points integer, comments integer,
            arxiv_announce text, concept_ids integer[])
        ), written as (
          insert into stories (source_id, identity, guid, url, title, summary, content_html, author, arxiv_id, published_at, points, comments, arxiv_announce)
          select ${sourceId}::integer, identity, guid, url, title, summary, content_html, author, arxiv_id, published_at, points, comments, arxiv_announce
          from input
          on conflict (source_id, identity) do update set guid = excluded.guid, url = excluded.url, title = excluded.title,
            summary = excluded.summary, content_html = excluded.content_html, author = excluded.author,
            arxiv_id = excluded.arxiv_id, points = coalesce(excluded.points, stories.points),
            comments = coalesce(excluded.comments, stories.comments), updated_at = now()
          where (stories.guid, stories.url, stories.title, stories.summary, stories.content_html, stories.author, stories.arxiv_id,
              stories.points, stories.comments)
            is distinct from (excluded.guid, excluded.url, excluded.title, excluded.summary, excluded.content_html, excluded.author,
              excluded.arxiv_id, coalesce(excluded.points, stories.points), coalesce(excluded.comments, stories.comments))
          returning id, identity, (xmax = 0) as inserted
        ), linked as (
          insert into story_concepts (story_id, concept_id)
          select w.id, c.concept_id from written w join input i on i.identity = w.identity, unnest(i.concept_ids) as c(concept_id)
          where w.inserted
          on conflict do nothing
        )
        select (count(*) filter (where inserted))::integer as inserted,
          json_agg(json_build_array(id, identity)) filter (where not inserted) as updated
        from written`,
    );
    const updated = fromJson(written?.updated ?? null) ?? [];
    result.inserted += Number(written?.inserted ?? 0);
    result.updated += updated.length;
    if (updated.length) await replaceLinks(db, chunk, updated);
  }
  return result;
}

/** The concept links of rewritten stories (id and identity as stored), replaced by the chunk's. */
async function replaceLinks(db: Db, chunk: StoryToStore[], updated: Array<[number, string]>): Promise<void> {
  const conceptsOf = new Map(chunk.map((i) => [wellFormed(i.identity), i.conceptIds]));
  const storyIds: number[] = [];
  const conceptIds: number[] = [];
  for (const [id, identity] of updated) {
    for (const conceptId of conceptsOf.get(identity) ?? []) {
      storyIds.push(id);
      conceptIds.push(conceptId);
    }
  }
  await db.execute(sql`delete from story_concepts where story_id = any(${idArray(updated.map(([id]) => id), 'bigint')})`);
  if (storyIds.length) {
    await db.execute(sql`insert into story_concepts (story_id, concept_id)
      select * from unnest(${idArray(storyIds, 'bigint')}, ${idArray(conceptIds, 'integer')}) on conflict do nothing`);
  }
}
