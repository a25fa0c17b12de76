import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { rss, startFeedServer, xml } from '../support/feed-server.js';

const token = 'test-admin-token-0123456789';
const admin = { authorization: `Bearer ${token}` };

/**
 * `Story.coverage` and `alsoCoveredBy` outside an edition (`Query.stories`) come from the story's
 * current cluster: distinct publishers, not feeds, and one story per other publisher.
 */
describe(`a story's coverage before any edition on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  const hour = (h: number) => new Date(Date.now() - h * 3_600_000).toUTCString();
  const event = 'https://news.example.com/2026/acme-releases-open-weights-model';

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    feeds = await startFeedServer({
      // Two feeds of one newsroom and one of another carry the same article (tracking parameters differ).
      '/wire-ai': xml(rss([{ title: 'Acme releases an open-weights language model', link: `${event}?utm_source=ai`, guid: 'w1', date: hour(3) }])),
      '/wire-top': xml(rss([{ title: 'Acme releases an open-weights language model', link: `${event}?utm_source=top`, guid: 'w2', date: hour(2) }])),
      '/daily': xml(
        rss([
          { title: 'Acme releases an open-weights language model', link: event, guid: 'd1', date: hour(1) },
          { title: 'A study of dropout in transformer training', link: 'https://daily.example.net/dropout-study', guid: 'd2', date: hour(1) },
        ]),
      ),
    });
    app = await startTestApp(database, { ADMIN_TOKEN: token, FETCH_ALLOW_PRIVATE_NETWORKS: 'true' });
    await database.db.execute(sql`delete from sources`); // the seeded real feeds: tests never reach the internet
    const add = `mutation($url: String!, $name: String!, $publisher: String!) { addSource(input: { url: $url, name: $name, publisher: $publisher }) { id } }`;
    for (const [path, name, publisher] of [
      ['/wire-ai', 'Wire AI', 'Wire'],
      ['/wire-top', 'Wire top', 'Wire'],
      ['/daily', 'Daily', 'Daily'],
    ] as const) {
      expect((await gql(app.url, add, { url: feeds.url(path), name, publisher }, admin)).errors).toBeUndefined();
    }
    const run = await gql(app.url, `mutation { runIngest { itemsNew sourcesFailed } }`, {}, admin);
    expect(run.data!.runIngest).toEqual({ itemsNew: 4, sourcesFailed: 0 });
  });
  afterAll(async () => {
    await app.stop();
    await feeds.close();
    await database.dispose();
  });

  it('counts publishers, not feeds, and names one story per other publisher', async () => {
    const { data, errors } = await gql(
      app.url,
      `{ stories(first: 10) { nodes { title url coverage source { name publisher } alsoCoveredBy { url source { name publisher } } } } }`,
    );
    expect(errors).toBeUndefined();
    const nodes = data!.stories.nodes as { title: string; url: string; coverage: number; source: { name: string; publisher: string }; alsoCoveredBy: { source: { publisher: string } }[] }[];
    expect(nodes).toHaveLength(4);
    const acme = nodes.filter((n) => n.title.startsWith('Acme'));
    expect(acme.map((n) => n.coverage)).toEqual([2, 2, 2]);
    for (const story of acme) {
      const others = story.alsoCoveredBy.map((a) => a.source.publisher);
      expect(others).toEqual([story.source.publisher === 'Wire' ? 'Daily' : 'Wire']); // never its own publisher, each other one once
    }
    const dropout = nodes.find((n) => n.title.startsWith('A study of dropout'))!;
    expect([dropout.coverage, dropout.alsoCoveredBy]).toEqual([1, []]);
  });
});
