import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../../src/db/client.js';
import { concepts } from '../../src/db/schema/index.js';
import { addSource } from '../../src/news/sources.queries.js';
import { storeStories, type StoryToStore } from '../../src/news/stories.store.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

function item(n: number, overrides: Partial<StoryToStore> = {}): StoryToStore {
  return {
    identity: `guid:s-${n}`,
    guid: `s-${n}`,
    url: `https://store.example.org/${n}`,
    title: `Story ${n}`,
    summary: `Summary ${n}`,
    contentHtml: `<p>Summary ${n}</p>`,
    author: null,
    arxivId: null,
    points: null,
    comments: null,
    arxivAnnounce: null,
    publishedAt: new Date(Date.UTC(2026, 10, 20, 10, 0, n % 60, 123)),
    conceptIds: [],
    ...overrides,
  };
}

describe(`storing a feed's stories on ${backend}`, () => {
  let database: TestDatabase;
  let db: Db;
  let sourceId: number;
  let conceptIds: number[];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    sourceId = (await addSource(db, { url: 'https://store.example.org/feed', name: 'store' })).id;
    const made = await db
      .insert(concepts)
      .values(['alpha', 'beta', 'gamma'].map((slug) => ({ slug, title: slug, name: slug, summary: 's', example: 'e', contentHash: slug, difficulty: 'beginner' as const })))
      .returning({ id: concepts.id });
    conceptIds = made.map((c) => c.id);
  });
  afterAll(async () => {
    await database.dispose();
  });

  const store = (items: StoryToStore[]) => db.transaction((tx) => storeStories(tx as unknown as Db, sourceId, items));
  const rows = () =>
    queryRows<{ identity: string; title: string; guid: string | null; content_html: string | null; published_at: string | Date; links: number[] | null }>(
      db,
      sql`select s.identity, s.title, s.guid, s.content_html, s.published_at,
            (select array_agg(concept_id order by concept_id) from story_concepts where story_id = s.id) as links
          from stories s where s.source_id = ${sourceId} order by s.id`,
    );

  it('inserts new stories with their concept links, a chunk of several hundred at a time', async () => {
    const items = Array.from({ length: 1200 }, (_, n) => item(n, { conceptIds: n % 3 === 0 ? [conceptIds[0]!, conceptIds[2]!] : [] }));
    expect(await store(items)).toEqual({ seen: 1200, inserted: 1200, updated: 0 });
    const stored = await rows();
    expect(stored).toHaveLength(1200);
    expect(stored[3]).toMatchObject({ identity: 'guid:s-3', title: 'Story 3', content_html: '<p>Summary 3</p>', links: [conceptIds[0], conceptIds[2]] });
    expect(stored[4]!.links).toBeNull();
    expect(new Date(stored[3]!.published_at).toISOString()).toBe('2026-11-20T10:00:03.123Z');
  });

  it('changes nothing when the same items come again', async () => {
    const items = Array.from({ length: 1200 }, (_, n) => item(n, { conceptIds: [conceptIds[1]!] }));
    expect(await store(items)).toEqual({ seen: 1200, inserted: 0, updated: 0 });
    expect((await rows())[3]!.links).toEqual([conceptIds[0], conceptIds[2]]);
  });

  it('rewrites a changed story and replaces its links, keeping one row per identity', async () => {
    const result = await store([
      item(3, { title: 'Story 3, corrected', conceptIds: [conceptIds[1]!] }),
      item(4, { title: 'Story 4, corrected', conceptIds: [] }),
      item(5, { title: 'first copy' }),
      item(5, { title: 'Story 5, corrected', conceptIds: [conceptIds[2]!] }),
      item(2000, { conceptIds: [conceptIds[0]!] }),
    ]);
    expect(result).toEqual({ seen: 4, inserted: 1, updated: 3 });
    const stored = await rows();
    expect(stored[3]).toMatchObject({ title: 'Story 3, corrected', links: [conceptIds[1]] });
    expect(stored[4]).toMatchObject({ title: 'Story 4, corrected', links: null });
    expect(stored[5]).toMatchObject({ title: 'Story 5, corrected', links: [conceptIds[2]] });
    expect(stored.at(-1)).toMatchObject({ identity: 'guid:s-2000', links: [conceptIds[0]] });
  });

  it('stores text exactly, and a lone surrogate as U+FFFD as the drivers always did', async () => {
    const title = 'Quotes "double" \'single\' \\ back\\slash, tab\t, line\nbreak, é, 😀, {braces} [brackets] $1';
    await store([item(3000, { title, guid: null, contentHtml: null }), item(3001, { title: 'broken \ud800 pair', conceptIds: [conceptIds[0]!] })]);
    const stored = await rows();
    expect(stored.at(-2)).toMatchObject({ title, guid: null, content_html: null });
    expect(stored.at(-1)).toMatchObject({ title: 'broken \ufffd pair', links: [conceptIds[0]] });
  });
});
