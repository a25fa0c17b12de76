import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataVersion } from '../../src/cache/data-version.js';
import { queryRows } from '../../src/db/client.js';
import { runIngest, type IngestDeps } from '../../src/news/ingest.js';
import { addSource } from '../../src/news/sources.queries.js';
import { createLogger } from '../../src/shared/logger.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFeedServer } from '../support/feed-server.js';

describe(`a GUID-less item whose title is edited on ${backend}`, () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startFeedServer>>;
  let deps: IngestDeps;
  let title = 'Sparse attention, first draft';

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startFeedServer({
      '/feed': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(`<rss version="2.0"><channel><title>Blog</title><link>https://blog.example/</link>
          <item><title>${title}</title><link>posts/sparse?p=4</link><pubDate>${new Date().toUTCString()}</pubDate></item>
          <item><title>${title} (audio)</title><enclosure url="https://cdn.example/ep.mp3" type="audio/mpeg" length="1"/></item>
        </channel></rss>`);
      },
    });
    await addSource(database.db, { url: server.url('/feed') });
    deps = { database, logger: createLogger('silent'), fetch: { timeoutMs: 4000, maxBytes: 1_000_000, allowPrivateNetworks: true, userAgent: 'test' } };
  });
  afterAll(async () => {
    await server.close();
    await database.dispose();
  });

  /**
   * The data version as a request right after a pass would read it, before the stamp is read
   * again: `current(at)` with the time of the last read answers from what this process knows.
   */
  async function versionAcross(pass: () => Promise<unknown>): Promise<[number, number]> {
    const version = dataVersion(database);
    const before = (await version.current()) as number;
    const at = performance.now();
    await pass();
    return [before, version.current(at) as number];
  }

  it("stays one story, its title updated, across passes; each pass makes this process's caches stale at once", async () => {
    const [before, after] = await versionAcross(() => runIngest(deps, { trigger: 'cli' }));
    // New stories: pages and answers showing news are stale now, not at the next read of the stamp.
    expect(after).toBeGreaterThan(before);
    title = 'Sparse attention, revised';
    const [beforeEdit, afterEdit] = await versionAcross(() => runIngest(deps, { trigger: 'cli' }));
    // No new story, an edited title: stale at once too.
    expect(afterEdit).toBeGreaterThan(beforeEdit);
    const rows = await queryRows<{ identity: string; title: string; url: string | null }>(database.db, sql`select identity, title, url from stories order by identity`);
    expect(rows).toEqual([
      { identity: 'enclosure:https://cdn.example/ep.mp3', title: 'Sparse attention, revised (audio)', url: null },
      { identity: `url:${server.url('/posts/sparse?p=4')}`, title: 'Sparse attention, revised', url: server.url('/posts/sparse?p=4') },
    ]);
  });
});
