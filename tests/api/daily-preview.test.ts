import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { queryRows } from '../../src/db/client.js';
import { runIngest } from '../../src/news/ingest.js';
import { addSource } from '../../src/news/sources.queries.js';
import { addDays, dateIn, startOfDay } from '../../src/shared/dates.js';
import { createLogger } from '../../src/shared/logger.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { rss, startFeedServer, xml } from '../support/feed-server.js';

const today = dateIn('UTC', new Date());
const past = addDays(today, -3);
const yesterdayAt = (hour: number) => new Date(startOfDay(today, 'UTC').getTime() - (24 - hour) * 3_600_000).toUTCString();

const feeds = {
  '/lab': rss([
    { title: 'Scaling laws for mixture of experts models', link: 'https://lab.example.org/moe', guid: 'lab-1', date: yesterdayAt(9) },
    { title: 'Dropout as Bayesian approximation revisited', link: 'https://lab.example.org/dropout', guid: 'lab-2', date: yesterdayAt(10) },
  ]),
  '/blog': rss([
    { title: 'LoRA fine-tuning benchmark for small language models', link: 'https://blog.example.org/lora', guid: 'blog-1', date: yesterdayAt(11) },
    { title: 'Gradient checkpointing for long-context transformers', link: 'https://blog.example.org/gc', guid: 'blog-2', date: yesterdayAt(12) },
  ]),
};

/** A fresh install: seeded, its sources enabled (here: fixture feeds on 127.0.0.1), no ingest run yet. */
async function freshInstall() {
  const database = await createTestDatabase({ seeded: true });
  const app = await startTestApp(database, { EDITION_TIMEZONE: 'UTC', RATE_LIMIT_ANONYMOUS: '0' });
  await database.db.execute(sql`delete from sources`); // no real feeds in tests
  const server = await startFeedServer(Object.fromEntries(Object.entries(feeds).map(([p, body]) => [p, xml(body)])));
  // Both fixture feeds link to example.org: named publishers keep them apart.
  for (const p of Object.keys(feeds)) await addSource(database.db, { url: server.url(p), name: p.slice(1), weight: 2, publisher: p.slice(1) });
  const ingest = () =>
    runIngest(
      { database, logger: createLogger('silent'), fetch: { timeoutMs: 5000, maxBytes: 1_000_000, allowPrivateNetworks: true, userAgent: 't' } },
      { trigger: 'cli' },
    );
  const storedDates = async () =>
    (await queryRows<{ date: string }>(database.db, sql`select date::text as date from editions order by date`)).map((r) => r.date);
  return {
    database,
    app,
    ingest,
    storedDates,
    close: async () => {
      await app.stop();
      await server.close();
      await database.dispose();
    },
  };
}

/** Asks until `done` holds: cached bytes follow the data version, which is re-read about once a second. */
async function until<T>(ask: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await ask();
  for (let i = 0; i < 100 && !done(value); i++) {
    await new Promise((r) => setTimeout(r, 50));
    value = await ask();
  }
  return value;
}

describe(`GET /daily before the first ingest on ${backend}`, () => {
  let install: Awaited<ReturnType<typeof freshInstall>>;
  beforeAll(async () => {
    install = await freshInstall();
  });
  afterAll(() => install.close());

  const getJson = async (path: string) => {
    const res = await fetch(`${install.app.url}${path}`);
    return { status: res.status, cacheControl: res.headers.get('cache-control'), body: (await res.json()) as any };
  };

  it("serves today's preview, twice, and freezes nothing", async () => {
    for (let i = 0; i < 2; i++) {
      const before = Date.now();
      const { status, cacheControl, body } = await getJson('/daily');
      expect(status).toBe(200);
      expect(cacheControl).toBe('public, max-age=300');
      expect(body.date).toBe(today);
      expect(body.preview).toBe(true);
      expect(body.concepts).toHaveLength(5);
      expect(body.topStories).toEqual([]);
      if (i === 0) expect(Date.parse(body.publishedAt)).toBeGreaterThanOrEqual(before - 1000); // built now, not a stored time
    }
    const todays = await getJson(`/daily/${today}`);
    expect(todays.body.topStories).toEqual([]);
    const pastDay = await getJson(`/daily/${past}`);
    expect(pastDay.status).toBe(404); // before this installation had any news: no invented edition
    expect(pastDay.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(await install.storedDates()).toEqual([]);
  });

  it('shows the stories and stores the edition once an ingest pass has finished', async () => {
    const run = await install.ingest();
    expect(run?.itemsNew).toBe(4);
    const { body } = await until(
      () => getJson('/daily'),
      (r) => r.body.topStories.length > 0,
    );
    expect(body.date).toBe(today);
    expect(body.preview).toBe(false);
    expect(body.topStories.map((s: any) => s.story.title).sort()).toEqual(
      [
        'Dropout as Bayesian approximation revisited',
        'Gradient checkpointing for long-context transformers',
        'LoRA fine-tuning benchmark for small language models',
        'Scaling laws for mixture of experts models',
      ].sort(),
    );
    expect(await install.storedDates()).toEqual([today]);
    expect((await getJson('/daily')).body).toEqual(body); // frozen: the same edition from now on
    expect((await getJson(`/daily/${past}`)).status).toBe(404); // still before the first ingest, today's
    expect(await install.storedDates()).toEqual([today]);
  });
});

describe(`the daily query before the first ingest on ${backend}`, () => {
  let install: Awaited<ReturnType<typeof freshInstall>>;
  beforeAll(async () => {
    install = await freshInstall();
  });
  afterAll(() => install.close());

  const daily = `{ daily { id date publishedAt preview concepts { slug } topStories { rank story { title } } } }`;
  const dailyOn = `query($date: Date) { daily(date: $date) { date preview topStories { rank } } }`;

  it("answers with today's preview and freezes nothing", async () => {
    const before = Date.now();
    const first = await gql(install.app.url, daily);
    const second = await gql(install.app.url, daily);
    for (const res of [first, second]) {
      expect(res.errors).toBeUndefined();
      expect(res.data!.daily.date).toBe(today);
      expect(res.data!.daily.preview).toBe(true);
      expect(res.data!.daily.concepts).toHaveLength(5);
      expect(res.data!.daily.topStories).toEqual([]);
    }
    expect(Date.parse(first.data!.daily.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
    // A preview is not stored, yet its id resolves (issue 18): node(id) reads its date again, freezing nothing.
    const node = await gql(install.app.url, `query($id: ID!) { node(id: $id) { id } }`, { id: first.data!.daily.id });
    expect(node.errors).toBeUndefined();
    expect(node.data!.node).toEqual({ id: first.data!.daily.id });
    expect((await gql(install.app.url, dailyOn, { date: today })).data!.daily).toEqual({ date: today, preview: true, topStories: [] });
    expect((await gql(install.app.url, dailyOn, { date: past })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await install.storedDates()).toEqual([]);
  });

  it('shows the stories and stores the edition once an ingest pass has finished', async () => {
    await install.ingest();
    const res = await until(
      () => gql(install.app.url, daily),
      (r) => (r.data?.daily.topStories.length ?? 0) > 0,
    );
    expect(res.data!.daily.topStories).toHaveLength(4);
    expect(res.data!.daily.preview).toBe(false);
    expect(await install.storedDates()).toEqual([today]);
    const listed = await gql(install.app.url, `{ editions(first: 5) { edges { node { id publishedAt } } } }`);
    expect(listed.data!.editions.edges.map((e: any) => e.node)).toEqual([{ id: res.data!.daily.id, publishedAt: res.data!.daily.publishedAt }]);
  });
});
