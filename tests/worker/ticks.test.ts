import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { queryRows } from '../../src/db/client.js';
import { addSource } from '../../src/news/sources.queries.js';
import { dateIn } from '../../src/shared/dates.js';
import { createLogger } from '../../src/shared/logger.js';
import { startScheduler } from '../../src/worker/scheduler.js';
import { addSubscribers } from '../mail/helpers.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { rss, startFeedServer, xml } from '../support/feed-server.js';

/**
 * The scheduler's own ticks (start-up.test.ts covers the catch-up at start): node-cron schedules
 * with seconds fire every second here, so a test sees several ticks in a few seconds.
 */
describe(`the worker's scheduled ticks on ${backend}`, () => {
  let database: TestDatabase;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  let dataDir: string;
  const today = dateIn('UTC', new Date());

  const worker = (env: Record<string, string>) =>
    startScheduler({
      config: loadConfig({
        LOG_LEVEL: 'silent',
        FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
        INGEST_ON_START: 'false',
        INGEST_CRON: '0 0 1 1 *',
        EDITION_CRON: '0 0 1 1 *',
        EDITION_TIMEZONE: 'UTC',
        DATA_DIR: dataDir,
        ...env,
      }),
      database,
      logger: createLogger('silent'),
    });
  const until = async (what: string, done: () => Promise<boolean>) => {
    for (const deadline = Date.now() + 20_000; !(await done()); ) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const runs = () => queryRows<{ slot: string; status: string }>(database.db, sql`select slot, status from ingest_runs order by id`);

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    await database.db.execute(sql`delete from sources`); // the seeded real feeds: tests never reach the internet
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mlbrief-ticks-'));
    feeds = await startFeedServer({
      '/f': xml(rss([{ title: 'A language model benchmark for long contexts', link: 'https://f.example.org/1', guid: 'f1' }])),
    });
    await addSource(database.db, { url: feeds.url('/f'), name: 'fixture' });
  });
  afterAll(async () => {
    await feeds.close();
    await database.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("publishes today's edition on the edition tick and delivers it to confirmed subscribers", async () => {
    await addSubscribers(database.db, ['ann@example.org']);
    await addSubscribers(database.db, ['pending@example.org'], 'pending');
    const w = worker({ EDITION_CRON: '* * * * * *' });
    const sent = () => queryRows<{ date: string; email: string }>(database.db, sql`
      select e.date::text as date, s.email from deliveries d join editions e on e.id = d.edition_id join subscribers s on s.id = d.subscriber_id where d.state = 'sent'`);
    try {
      await until('the edition delivered', async () => (await sent()).length > 0);
    } finally {
      await w.stop();
    }
    // Past midnight UTC between reading `today` and the tick, the tick's date is the new day.
    const [delivery] = await sent();
    expect([today, dateIn('UTC', new Date())]).toContain(delivery!.date);
    expect(await sent()).toEqual([{ date: delivery!.date, email: 'ann@example.org' }]);
    const [edition] = await queryRows<{ stories: number; concepts: number }>(
      database.db,
      sql`select jsonb_array_length(content->'stories')::int as stories, jsonb_array_length(content->'concepts')::int as concepts from editions where date = ${delivery!.date}`,
    );
    // No ingest has run (so the start-up catch-up published nothing: its news is not in): no stories yet.
    expect(edition).toEqual({ stories: 0, concepts: 5 });
    expect((await readdir(path.join(dataDir, 'outbox'))).filter((f) => f.endsWith('.eml'))).toHaveLength(1); // no SMTP_URL: the outbox
  });

  it('runs one ingest per tick, named after the tick, however many workers share the database', async () => {
    const workers = [worker({ INGEST_CRON: '* * * * * *' }), worker({ INGEST_CRON: '* * * * * *' })];
    try {
      await until('three scheduled ingests', async () => (await runs()).length >= 3);
    } finally {
      await Promise.all(workers.map((w) => w.stop())); // waits for the passes in flight
    }
    const done = await runs();
    for (const run of done) expect(run).toEqual({ slot: expect.stringMatching(/^ingest:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/), status: 'succeeded' });
    expect(new Set(done.map((r) => r.slot)).size).toBe(done.length); // the slot is the tick: UNIQUE, one pass each
    expect(feeds.hits('/f')).toBe(done.length); // and a tick taken by one worker is not fetched by the other
  });
});
