import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardStories, cardStoriesStatement, fullCard, fullCardStatement } from '../../src/content/card-pages.queries.js';
import { queryRows } from '../../src/db/client.js';
import { addSource } from '../../src/news/sources.queries.js';
import { storiesOfConcepts } from '../../src/news/stories.queries.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * story_concepts keeps its story's effective_at (migration 0008) so that a concept's newest stories
 * are one index read. The copy must never disagree with the story, and the reads must use it.
 */
describe(`a concept's stories by date on ${backend}`, () => {
  let database: TestDatabase;
  let rare: { id: number; slug: string };
  let common: { id: number; slug: string };

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    const { db } = database;
    const source = await addSource(db, { url: 'https://lab.example/feed', name: 'Lab', weight: 1 });
    // 30,000 stories a minute apart; one concept is in every 10th, another in one old story only.
    await db.execute(sql`insert into stories (source_id, identity, url, title, published_at)
      select ${source.id}, 'gen:' || i, 'https://lab.example/' || i, 'Story ' || i, timestamptz '2026-11-01T00:00:00Z' - i * interval '1 minute'
      from generate_series(1, 30000) i`);
    const cards = await queryRows<{ id: number; slug: string }>(db, sql`select id, slug from concepts where status = 'published' order by slug limit 2`);
    [common, rare] = [cards[0]!, cards[1]!];
    await db.execute(sql`insert into story_concepts (story_id, concept_id) select id, ${common.id} from stories where identity like 'gen:%' and substr(identity, 5)::int % 10 = 0`);
    await db.execute(sql`insert into story_concepts (story_id, concept_id) select id, ${rare.id} from stories where identity = 'gen:5900'`);
    await db.execute(sql`analyze`);
  });
  afterAll(() => database.dispose());

  it('fills the copy from the story whatever the writer sent, and follows a change of the story date', async () => {
    const { db } = database;
    const [story] = await queryRows<{ id: number }>(db, sql`select id from stories where identity = 'gen:7'`);
    // A writer that names a wrong date (or none) still gets the story's.
    await db.execute(sql`insert into story_concepts (story_id, concept_id, effective_at) values (${story!.id}, ${rare.id}, '1999-01-01T00:00:00Z')`);
    const copy = () =>
      queryRows<{ same: boolean; at: string }>(db, sql`select sc.effective_at = st.effective_at as same, sc.effective_at::text as at
        from story_concepts sc join stories st on st.id = sc.story_id where sc.story_id = ${story!.id} and sc.concept_id = ${rare.id}`);
    expect((await copy())[0]!.same).toBe(true);
    await db.execute(sql`update stories set published_at = '2026-11-02T10:00:00Z' where id = ${story!.id}`);
    const [moved] = await copy();
    expect(moved!.same).toBe(true);
    expect(new Date(moved!.at).toISOString()).toBe('2026-11-02T10:00:00.000Z');
    await db.execute(sql`delete from story_concepts where story_id = ${story!.id} and concept_id = ${rare.id}`);
  });

  it("reads a card's newest stories from story_concepts' date index, not by walking every story", async () => {
    const { db } = database;
    const card = await fullCard(db, rare.slug);
    expect(card!.stories.map((s) => s.title)).toEqual(['Story 5900']);
    const newest = (await fullCard(db, common.slug))!.stories.map((s) => s.title);
    expect(newest).toEqual(['Story 10', 'Story 20', 'Story 30', 'Story 40', 'Story 50']);
    // The statement as the card runs it, with the rare concept (the case the walk was slowest at).
    const plan = (await queryRows<Record<string, string>>(db, sql`explain ${fullCardStatement(rare.slug)}`)).map((r) => Object.values(r)[0]).join('\n');
    expect(plan).toMatch(/story_concepts_concept_effective_idx/);
    expect(plan).not.toMatch(/Backward using stories_effective_at_idx/);
    // The stories alone (a card page after news, its content known): the same stories, the same index.
    expect((await cardStories(db, card!.id)).map((s) => s.title)).toEqual(['Story 5900']);
    expect(await cardStories(db, (await fullCard(db, common.slug))!.id)).toEqual((await fullCard(db, common.slug))!.stories);
    const alone = (await queryRows<Record<string, string>>(db, sql`explain ${cardStoriesStatement(card!.id)}`)).map((r) => Object.values(r)[0]).join('\n');
    expect(alone).toMatch(/story_concepts_concept_effective_idx/);
    expect(alone).not.toMatch(/Backward using stories_effective_at_idx/);
  });

  it("pages Concept.stories from story_concepts' date index too", async () => {
    const { db } = database;
    const page = await storiesOfConcepts(db, [common.id], { size: 3, backward: false });
    expect(page.map((r) => r.story.title)).toEqual(['Story 10', 'Story 20', 'Story 30', 'Story 40']);
    // The statement just run, its one parameter (the page size + 1) put back, explained.
    const text = database.stats.recent.at(-1)!;
    expect(text).toMatch(/\$1/);
    const plan = (await queryRows<Record<string, string>>(db, sql.raw(`explain ${text.replace('$1', '4')}`))).map((r) => Object.values(r)[0]).join('\n');
    expect(plan).toMatch(/story_concepts_concept_effective_idx/);
    expect(plan).not.toMatch(/Backward using stories_effective_at_idx/);
  });

  it('plans the card statement once, not for each card asked (PGlite keeps it prepared)', async () => {
    if (backend !== 'pglite') return; // postgres.js prepares per connection on its own
    const { db } = database;
    for (let i = 0; i < 12; i++) await fullCard(db, i % 2 ? rare.slug : common.slug);
    const [plans] = await queryRows<{ generic: number; custom: number }>(db, sql`select generic_plans::int as generic, custom_plans::int as custom
      from pg_prepared_statements where name = 'reader_full_card'`);
    // PostgreSQL tries five plans for the values first, then keeps the generic one if it costs no more.
    expect(plans!.custom).toBeLessThanOrEqual(5);
    expect(plans!.generic).toBeGreaterThanOrEqual(7);
  });
});
