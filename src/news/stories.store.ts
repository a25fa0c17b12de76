import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { stories, storyConcepts } from '../db/schema/index.js';
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
 * Upserts one feed's items: a multi-row statement per chunk, the UNIQUE (source_id, identity)
 * constraint doing the dedupe. Unchanged items are not rewritten, so a second ingest of the same
 * feed changes nothing; a story's date is fixed when first seen, so editions stay reproducible.
 */
export async function storeStories(db: Db, sourceId: number, items: StoryToStore[]): Promise<StoreResult> {
  const unique = [...new Map(items.map((i) => [i.identity, i])).values()]; // one row per identity per statement
  const result: StoreResult = { seen: unique.length, inserted: 0, updated: 0 };
  for (let start = 0; start < unique.length; start += chunkSize) {
    const chunk = unique.slice(start, start + chunkSize);
    const written = await db
      .insert(stories)
      .values(
        chunk.map((i) => ({
          sourceId,
          identity: i.identity,
          guid: i.guid,
          url: i.url,
          title: i.title,
          summary: i.summary,
          contentHtml: i.contentHtml,
          author: i.author,
          arxivId: i.arxivId,
          publishedAt: i.publishedAt,
        })),
      )
      .onConflictDoUpdate({
        target: [stories.sourceId, stories.identity],
        set: {
          guid: sql`excluded.guid`,
          url: sql`excluded.url`,
          title: sql`excluded.title`,
          summary: sql`excluded.summary`,
          contentHtml: sql`excluded.content_html`,
          author: sql`excluded.author`,
          arxivId: sql`excluded.arxiv_id`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`(${stories.guid}, ${stories.url}, ${stories.title}, ${stories.summary}, ${stories.contentHtml}, ${stories.author}, ${stories.arxivId})
          is distinct from (excluded.guid, excluded.url, excluded.title, excluded.summary, excluded.content_html, excluded.author, excluded.arxiv_id)`,
      })
      .returning({ id: stories.id, identity: stories.identity, inserted: sql<boolean>`(xmax = 0)` });
    if (written.length === 0) continue;
    for (const w of written) (w.inserted ? result.inserted++ : result.updated++);
    const byIdentity = new Map(chunk.map((i) => [i.identity, i]));
    const ids = written.map((w) => Number(w.id));
    await db.delete(storyConcepts).where(inArray(storyConcepts.storyId, ids));
    const links = written.flatMap((w) =>
      (byIdentity.get(w.identity)?.conceptIds ?? []).map((conceptId) => ({ storyId: Number(w.id), conceptId })),
    );
    if (links.length) await db.insert(storyConcepts).values(links).onConflictDoNothing();
  }
  return result;
}
