import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { queryRows } from '../../src/db/client.js';
import { addDays, dateIn } from '../../src/shared/dates.js';
import { addSource } from '../../src/news/sources.queries.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const token = 'test-admin-token-0123456789';
const admin = { authorization: `Bearer ${token}` };
const today = dateIn('UTC', new Date());
const edition = `query($date: Date) { daily(date: $date) { topStories { rank story { title url source { name } } } } }`;

describe(`removing and disabling sources with history on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { ADMIN_TOKEN: token, EDITION_TIMEZONE: 'UTC' });
    await database.db.execute(sql`delete from sources`);
    // Yesterday's news: two stories each from two sources, and one story from today (in no edition yet).
    const yesterday = new Date(`${addDays(today, -1)}T12:00:00Z`);
    for (const name of ['Lab', 'Blog']) {
      const source = await addSource(database.db, { url: `https://${name.toLowerCase()}.example/feed`, name, weight: 5 });
      await database.db.execute(sql`insert into stories (source_id, identity, url, title, published_at) values
        (${source.id}, ${`url:${name}-1`}, ${`https://${name}.example/1`}, ${`${name} trains a transformer with dropout`}, ${yesterday.toISOString()}),
        (${source.id}, ${`url:${name}-2`}, ${`https://${name}.example/2`}, ${`${name} studies gradient descent`}, ${yesterday.toISOString()}),
        (${source.id}, ${`url:${name}-3`}, ${`https://${name}.example/3`}, ${`${name} today`}, now())`);
    }
    // Linked to the cards they mention, as ingest links them: relevance to ML counts the cards.
    await database.db.execute(sql`insert into story_concepts (story_id, concept_id)
      select s.id, c.id from stories s join concepts c on c.slug in ('transformer', 'dropout') where s.title like '%trains a transformer with dropout'
      union all
      select s.id, c.id from stories s join concepts c on c.slug = 'gradient-descent' where s.title like '%studies gradient descent'`);
    const published = await gql(app.url, `mutation($date: Date) { publishEdition(date: $date) { date } }`, { date: today }, admin);
    expect(published.errors).toBeUndefined();
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  it('keeps the stories a published edition shows, deletes the rest, and answers true, never an internal error', async () => {
    const before = await gql(app.url, edition, { date: today });
    const shown = before.data!.daily.topStories.filter((s: any) => s.story.source.name === 'Lab').length;
    expect(shown).toBeGreaterThan(0);
    const sources = await gql(app.url, `{ sources { id name } }`);
    const lab = sources.data!.sources.find((s: any) => s.name === 'Lab');

    const removed = await gql(app.url, `mutation($id: ID!) { removeSource(id: $id) }`, { id: lab.id }, admin);
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeSource).toBe(true);

    // The edition reads exactly as published, its stories and their source included.
    const after = await gql(app.url, edition, { date: today });
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual(before.data);
    expect((await fetch(`${app.url}/daily/${today}`)).status).toBe(200);
    // The source is no longer listed; of its stories only those in the edition remain.
    expect((await gql(app.url, `{ sources { name } }`)).data!.sources.map((s: any) => s.name)).toEqual(['Blog']);
    const left = await queryRows<{ title: string }>(database.db, sql`select s.title from stories s join sources src on src.id = s.source_id where src.name = 'Lab'`);
    expect(left).toHaveLength(shown);
    // An admin's rebuild of that date no longer ranks the removed source's stories.
    const rebuilt = await gql(app.url, `mutation($date: Date) { publishEdition(date: $date, force: true) { topStories { story { source { name } } } } }`, { date: today }, admin);
    expect(rebuilt.errors).toBeUndefined();
    const rebuiltFrom = rebuilt.data!.publishEdition.topStories.map((s: any) => s.story.source.name);
    expect(rebuiltFrom.length).toBeGreaterThan(0);
    expect(rebuiltFrom.every((name: string) => name === 'Blog')).toBe(true);
    // Removing it again: nothing to remove.
    expect((await gql(app.url, `mutation($id: ID!) { removeSource(id: $id) }`, { id: lab.id }, admin)).data!.removeSource).toBe(false);
    const renamed = await gql(app.url, `mutation($id: ID!) { updateSource(id: $id, input: { enabled: true }) { id } }`, { id: lab.id }, admin);
    expect(renamed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('brings a removed source back when its URL is added again', async () => {
    const added = await gql(app.url, `mutation { addSource(input: { url: "https://lab.example/feed", name: "Lab again" }) { name enabled } }`, {}, admin);
    expect(added.errors).toBeUndefined();
    expect(added.data!.addSource).toEqual({ name: 'Lab again', enabled: true });
    const twice = await gql(app.url, `mutation { addSource(input: { url: "https://lab.example/feed" }) { name } }`, {}, admin);
    expect(twice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('disables a source with history: nothing is deleted, it is just not fetched', async () => {
    const count = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::integer as n from stories`))[0]!.n;
    const before = await count();
    const { data } = await gql(app.url, `{ sources { id name } }`);
    const blog = data!.sources.find((s: any) => s.name === 'Blog');
    const disabled = await gql(app.url, `mutation($id: ID!) { updateSource(id: $id, input: { enabled: false }) { enabled } }`, { id: blog.id }, admin);
    expect(disabled.data!.updateSource.enabled).toBe(false);
    expect(await count()).toBe(before);
  });

  it('deletes a source with no story in any edition outright', async () => {
    const { data } = await gql(app.url, `{ sources { id name } }`);
    const blog = data!.sources.find((s: any) => s.name === 'Blog');
    await database.db.execute(sql`delete from edition_stories`);
    expect((await gql(app.url, `mutation($id: ID!) { removeSource(id: $id) }`, { id: blog.id }, admin)).data!.removeSource).toBe(true);
    expect(await queryRows(database.db, sql`select 1 from sources where name = 'Blog'`)).toHaveLength(0);
  });
});
