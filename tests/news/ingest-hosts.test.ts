import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest, type SourceOutcome } from '../../src/news/ingest.js';
import { addSource } from '../../src/news/sources.queries.js';
import { createLogger } from '../../src/shared/logger.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { rss, startFeedServer, type Route } from '../support/feed-server.js';

const FEEDS = 6;

describe(`ingesting several feeds from one host on ${backend}`, () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startFeedServer>>;
  let active = 0;
  let mostActive = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Each response takes a while, so overlapping requests would show.
    const slow: Route = async (req, res) => {
      active++;
      mostActive = Math.max(mostActive, active);
      await new Promise((resolve) => setTimeout(resolve, 30));
      const feed = req.url!.slice(1);
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss(Array.from({ length: 50 }, (_, i) => ({ title: `Story ${i} of ${feed}`, link: `https://one-host.example/${feed}/${i}`, guid: `${feed}-${i}` }))));
      active--;
    };
    server = await startFeedServer(Object.fromEntries(Array.from({ length: FEEDS }, (_, f) => [`/f${f}`, slow])));
    for (let f = 0; f < FEEDS; f++) await addSource(database.db, { url: server.url(`/f${f}`), name: `f${f}` });
  });
  afterAll(async () => {
    await server.close();
    await database.dispose();
  });

  it('sends one request at a time to the host, and stores every feed', async () => {
    const finished: SourceOutcome[] = [];
    const run = await runIngest(
      {
        database,
        logger: createLogger('silent'),
        fetch: { timeoutMs: 10_000, maxBytes: 1_000_000, allowPrivateNetworks: true, userAgent: 'mlbrief-test' },
      },
      { trigger: 'cli', onSource: (outcome) => finished.push(outcome) },
    );
    expect(mostActive).toBe(1);
    expect(run!.sources.map((s) => [s.name, s.status, s.itemsNew])).toEqual(Array.from({ length: FEEDS }, (_, f) => [`f${f}`, 'ok', 50]));
    expect(finished.map((s) => s.name).sort()).toEqual(run!.sources.map((s) => s.name));
  });
});
