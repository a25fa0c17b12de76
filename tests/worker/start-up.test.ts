import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { queryRows } from '../../src/db/client.js';
import { addSource } from '../../src/news/sources.queries.js';
import { dateIn, startOfDay } from '../../src/shared/dates.js';
import { createLogger } from '../../src/shared/logger.js';
import { startScheduler } from '../../src/worker/scheduler.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { rss, startFeedServer, xml } from '../support/feed-server.js';

const today = dateIn('UTC', new Date());
const yesterday = new Date(startOfDay(today, 'UTC').getTime() - 12 * 3_600_000).toUTCString();

describe(`the worker's start-up ingest on ${backend}`, () => {
  let database: TestDatabase;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;

  /** A worker whose schedules do not fire during the test (yearly ticks): only start-up work runs. */
  const worker = (env: Record<string, string> = {}) =>
    startScheduler({
      config: loadConfig({
        LOG_LEVEL: 'silent',
        FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
        INGEST_CRON: '0 0 1 1 *',
        EDITION_CRON: '0 0 1 1 *',
        EDITION_TIMEZONE: 'UTC',
        ...env,
      }),
      database,
      logger: createLogger('silent'),
    });
  const runs = () => queryRows<{ id: number; slot: string; status: string }>(database.db, sql`select id, slot, status from ingest_runs order by id`);
  const editions = async () => (await queryRows<{ date: string }>(database.db, sql`select date::text as date from editions`)).map((r) => r.date);

  beforeAll(async () => {
    database = await createTestDatabase();
    feeds = await startFeedServer({
      '/f': xml(rss([{ title: 'A language model benchmark for long contexts', link: 'https://f.example.org/1', guid: 'f1', date: yesterday }])),
    });
    await addSource(database.db, { url: feeds.url('/f'), name: 'fixture' });
  });
  afterAll(async () => {
    await feeds.close();
    await database.dispose();
  });

  it('fetches nothing at start-up with INGEST_ON_START=false, and publishes nothing while the news is not in', async () => {
    await worker({ INGEST_ON_START: 'false' }).stop(); // stop() waits for the start-up work
    expect(feeds.hits('/f')).toBe(0);
    expect(await runs()).toEqual([]);
    expect(await editions()).toEqual([]);
  });

  it("fetches once at start-up by default, however many workers start together, then publishes today's edition", async () => {
    const workers = [worker(), worker()];
    await Promise.all(workers.map((w) => w.stop()));
    expect(feeds.hits('/f')).toBe(1);
    expect(await runs()).toEqual([{ id: expect.any(Number), slot: 'ingest:start:after-0', status: 'succeeded' }]);
    expect(await editions()).toEqual([today]);
    const [edition] = await queryRows<{ n: number }>(database.db, sql`select jsonb_array_length(content->'stories')::int as n from editions`);
    expect(edition!.n).toBe(1);
  });

  it('skips the start-up pass while the last one is more recent than the ingest interval', async () => {
    await worker().stop();
    expect(feeds.hits('/f')).toBe(1);
    expect(await runs()).toHaveLength(1);
    // Older than the (yearly) interval: the next start fetches again.
    await database.db.execute(sql`update ingest_runs set started_at = started_at - interval '2 years', finished_at = finished_at - interval '2 years'`);
    await worker().stop();
    const [first, second] = await runs();
    expect(second).toEqual({ id: expect.any(Number), slot: `ingest:start:after-${first!.id}`, status: 'succeeded' });
  });
});
