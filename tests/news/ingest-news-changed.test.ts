import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataVersion } from '../../src/cache/data-version.js';
import { queryRows } from '../../src/db/client.js';
import { runIngest, type IngestDeps } from '../../src/news/ingest.js';
import { addSource } from '../../src/news/sources.queries.js';
import { createLogger } from '../../src/shared/logger.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFeedServer } from '../support/feed-server.js';

describe(`an ingest pass and this process's caches on ${backend}`, () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startFeedServer>>;
  let deps: IngestDeps;
  let title = 'Sparse attention for long documents';

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startFeedServer({
      '/feed': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(`<rss version="2.0"><channel><title>Lab</title><link>https://lab.example/</link>
          <item><title>${title}</title><link>https://lab.example/posts/sparse</link><guid>sparse</guid><pubDate>${new Date().toUTCString()}</pubDate></item>
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
   * The version as a request right after the pass would read it, before the stamp is read again:
   * `current(at)` with the time of the last read answers from what this process knows.
   */
  async function versionAcross(pass: () => Promise<unknown>): Promise<[number, number]> {
    const version = dataVersion(database);
    const before = (await version.current()) as number;
    const at = performance.now();
    await pass();
    return [before, version.current(at) as number];
  }

  it('moves the data version at once, not at the next read of the stamp: for new stories and for an edited title', async () => {
    const [before, after] = await versionAcross(() => runIngest(deps, { trigger: 'cli' }));
    expect(after).toBeGreaterThan(before);
    title = 'Sparse attention for long documents, with code';
    const [beforeEdit, afterEdit] = await versionAcross(() => runIngest(deps, { trigger: 'cli' }));
    expect(afterEdit).toBeGreaterThan(beforeEdit);
    // The second pass did read the feed: the title it moved the version for is stored.
    expect(await queryRows(database.db, sql`select title from stories`)).toEqual([{ title }]);
  });
});
