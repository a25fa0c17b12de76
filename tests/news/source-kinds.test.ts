import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { queryRows } from '../../src/db/client.js';
import { runIngest } from '../../src/news/ingest.js';
import { kindOf } from '../../src/news/kind.js';
import { addSource, listSources, updateSource } from '../../src/news/sources.queries.js';
import { createLogger } from '../../src/shared/logger.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFeedServer, xml } from '../support/feed-server.js';
import { outletRss } from '../support/real-feeds.js';

const at = new Date(Date.now() - 3_600_000);
const offSite = outletRss('https://links.example/', 'Links', []).replace(
  '</channel>',
  ['https://a.example/1', 'https://b.example/2', 'https://c.example/3']
    .map((u, i) => `<item><title>Link ${i}</title><link>${u}</link><guid>l${i}</guid><pubDate>${at.toUTCString()}</pubDate></item>`)
    .join('') + '</channel>',
);
const onSite = outletRss('https://links.example/', 'Links', [1, 2, 3].map((n) => ({ title: `Own post ${n}`, path: `/posts/${n}`, date: at })));

describe(`a source's kind and publisher on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let body = offSite;
  let server: Awaited<ReturnType<typeof startFeedServer>>;
  const token = 'kinds-admin-token-0123456789';
  const ingest = () =>
    runIngest(
      { database, logger: createLogger('silent'), fetch: { timeoutMs: 5000, maxBytes: 1_000_000, allowPrivateNetworks: true, userAgent: 't' } },
      { trigger: 'cli' },
    );

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { ADMIN_TOKEN: token });
    await database.db.execute(sql`delete from sources`);
    server = await startFeedServer({ '/links': (req, res) => xml(body)(req, res), '/pinned': (req, res) => xml(offSite)(req, res) });
  });
  afterAll(async () => {
    await app.stop();
    await server.close();
    await database.dispose();
  });

  it('follows a feed that changes kind, keeping its stories; a kind set by hand stays', async () => {
    const links = await addSource(database.db, { url: server.url('/links'), name: 'links' });
    const pinned = await addSource(database.db, { url: server.url('/pinned'), name: 'pinned', kind: 'feed' });
    await ingest();
    const kinds = async () => new Map((await listSources(database.db)).map((s) => [s.name, kindOf(s)]));
    expect(await kinds()).toEqual(new Map([['links', 'aggregator'], ['pinned', 'feed']]));
    body = onSite;
    await ingest();
    expect((await kinds()).get('links')).toBe('feed');
    const stored = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from stories where source_id = ${links.id}`);
    expect(stored[0]!.n).toBe(6); // the links stay, the posts are added: nothing lost to the change
    await updateSource(database.db, pinned.id, { kind: 'aggregator' });
    expect((await kinds()).get('pinned')).toBe('aggregator');
  });

  it('exposes publisher and kind over GraphQL, and lets an admin set them', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const added = await gql(
      app.url,
      `mutation($input: AddSourceInput!) { addSource(input: $input) { id publisher kind } }`,
      { input: { url: 'https://hnrss.org/newest?q=AI&points=100', name: 'HN', publisher: 'Hacker News', kind: 'AGGREGATOR' } },
      auth,
    );
    expect(added.errors).toBeUndefined();
    expect(added.data!.addSource).toMatchObject({ publisher: 'Hacker News', kind: 'AGGREGATOR' });
    const reset = await gql(app.url, `mutation($id: ID!) { updateSource(id: $id, input: { publisher: "" }) { publisher } }`, { id: added.data!.addSource.id }, auth);
    expect(reset.data!.updateSource.publisher).toBe('hnrss.org'); // inferred again: no site link yet
    const { data } = await gql(app.url, `{ sources { name publisher kind } }`);
    expect(data!.sources).toEqual(
      expect.arrayContaining([
        { name: 'links', publisher: 'links.example', kind: 'FEED' },
        { name: 'HN', publisher: 'hnrss.org', kind: 'AGGREGATOR' },
      ]),
    );
    const bad = await gql(app.url, `mutation { addSource(input: { url: "https://x.example/feed", publisher: "   " }) { id } }`, {}, auth);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
