import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { publishEdition } from '../../src/daily/build.js';
import { queryRows } from '../../src/db/client.js';
import { runIngest } from '../../src/news/ingest.js';
import { addSource } from '../../src/news/sources.queries.js';
import { addDays, dateIn, startOfDay } from '../../src/shared/dates.js';
import { createLogger } from '../../src/shared/logger.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { rss, startFeedServer, xml } from '../support/feed-server.js';

const today = dateIn('UTC', new Date());
const yesterdayAt = (hour: number) => new Date(startOfDay(today, 'UTC').getTime() - (24 - hour) * 3_600_000).toUTCString();
const event = 'https://news.example.org/gpt-launch';

const feeds = {
  '/lab': rss([
    { title: 'OpenAI releases new reasoning model trained with reinforcement learning', link: `${event}?utm_source=lab`, guid: 'lab-1', date: yesterdayAt(9) },
    { title: 'Best pasta recipes for the holidays', link: 'https://lab.example.org/pasta', guid: 'lab-2', date: yesterdayAt(10) },
    { title: 'Scaling laws for mixture of experts models', link: 'https://lab.example.org/moe', guid: 'lab-3', date: yesterdayAt(11) },
  ]),
  '/blog': rss([
    { title: 'New OpenAI model learns to reason with RL', link: `${event}?fbclid=abc`, guid: 'blog-1', date: yesterdayAt(10) },
    { title: 'Diffusion models for video generation', link: 'https://blog.example.org/video', guid: 'blog-2', date: yesterdayAt(8) },
  ]),
  '/arxiv': rss([
    { title: 'OpenAI launches a reasoning model', link: `${event}#comments`, guid: 'arx-1', date: yesterdayAt(11) },
    { title: 'Dropout as Bayesian approximation revisited', link: 'https://arxiv.example.org/1', guid: 'arx-2', date: yesterdayAt(12) },
    { title: 'LoRA fine-tuning benchmark for small language models', link: 'https://arxiv.example.org/2', guid: 'arx-3', date: yesterdayAt(13) },
    { title: 'Gradient checkpointing for long-context transformers', link: 'https://arxiv.example.org/3', guid: 'arx-4', date: yesterdayAt(14) },
    { title: 'Quantization of diffusion models', link: 'https://arxiv.example.org/4', guid: 'arx-5', date: yesterdayAt(15) },
    { title: 'Batch normalization explained again', link: 'https://arxiv.example.org/old', guid: 'arx-old', date: new Date(Date.now() - 9 * 86_400_000).toUTCString() },
    { title: 'Knowledge distillation from the future', link: 'https://arxiv.example.org/future', guid: 'arx-future', date: new Date(Date.now() + 5 * 86_400_000).toUTCString() },
  ]),
  '/news': rss([{ title: 'The reasoning model OpenAI just released', link: `${event}?utm_medium=x&utm_campaign=y`, guid: 'news-1', date: yesterdayAt(12) }]),
};

describe(`the daily edition on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let server: Awaited<ReturnType<typeof startFeedServer>>;
  const token = 'edition-admin-token-0123456789';

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { ADMIN_TOKEN: token, EDITION_TIMEZONE: 'UTC' });
    await database.db.execute(sql`delete from sources`); // no real feeds in tests
    server = await startFeedServer(Object.fromEntries(Object.entries(feeds).map(([p, body]) => [p, xml(body)])));
    const weights: Record<string, number> = { '/lab': 3, '/blog': 2, '/arxiv': 1, '/news': 1.5 };
    // Every fixture feed links to example.org: named publishers keep them apart.
    for (const [p, weight] of Object.entries(weights)) await addSource(database.db, { url: server.url(p), name: p.slice(1), weight, publisher: p.slice(1) });
    await runIngest(
      { database, logger: createLogger('silent'), fetch: { timeoutMs: 5000, maxBytes: 1_000_000, allowPrivateNetworks: true, userAgent: 't' } },
      { trigger: 'cli' },
    );
  });
  afterAll(async () => {
    await app.stop();
    await server.close();
    await database.dispose();
  });

  const dailyQuery = `query($date: Date) { daily(date: $date) { id date publishedAt
    conceptOfTheDay { slug } concepts { slug }
    topStories { rank score reasons story { title url coverage alsoCoveredBy { source { name } } source { name } } } } }`;

  it('ranks the story four publishers covered first, once, and keeps off-topic and out-of-window items out', async () => {
    const { data, errors } = await gql(app.url, dailyQuery, { date: today });
    expect(errors).toBeUndefined();
    const stories = data!.daily.topStories;
    expect(stories).toHaveLength(5);
    expect(stories[0].story.coverage).toBe(4);
    expect(stories[0].story.source.name).toBe('lab'); // the highest-weight source represents the cluster
    expect(stories[0].reasons[0]).toMatch(/covered by 4 publishers: .*lab.*/);
    for (const name of ['blog', 'arxiv', 'news']) expect(stories[0].reasons[0]).toContain(name);
    expect(stories[0].story.alsoCoveredBy.map((s: any) => s.source.name).sort()).toEqual(['arxiv', 'blog', 'news']);
    const titles = stories.map((s: any) => s.story.title);
    expect(titles.filter((t: string) => /reasoning|OpenAI/.test(t))).toHaveLength(1);
    expect(titles).not.toContain('Best pasta recipes for the holidays');
    expect(titles).not.toContain('Batch normalization explained again');
    expect(titles).not.toContain('Knowledge distillation from the future');
    const bySource = new Map<string, number>();
    for (const s of stories) bySource.set(s.story.source.name, (bySource.get(s.story.source.name) ?? 0) + 1);
    for (const n of bySource.values()) expect(n).toBeLessThanOrEqual(2);
    expect(stories.map((s: any) => s.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(data!.daily.concepts).toHaveLength(5);
    expect(data!.daily.conceptOfTheDay.slug).toBe(data!.daily.concepts[0].slug);
  });

  it('is frozen once published: the same date returns the same content', async () => {
    const first = await gql(app.url, dailyQuery, { date: today });
    await database.db.execute(sql`update stories set title = 'Changed after publishing' where identity = 'guid:arx-2'`);
    const again = await gql(app.url, dailyQuery, { date: today });
    expect(again.data!.daily.publishedAt).toBe(first.data!.daily.publishedAt);
    expect(again.data!.daily.topStories.map((s: any) => s.score)).toEqual(first.data!.daily.topStories.map((s: any) => s.score));
    expect(again.data!.daily.concepts).toEqual(first.data!.daily.concepts);
  });

  it('is rebuilt only by an admin with force', async () => {
    const mutation = `mutation($d: Date) { publishEdition(date: $d, force: true) { publishedAt } }`;
    const refused = await gql(app.url, mutation, { d: today });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const before = await gql(app.url, dailyQuery, { date: today });
    const rebuilt = await gql(app.url, mutation, { d: today }, { authorization: `Bearer ${token}` });
    expect(rebuilt.errors).toBeUndefined();
    expect(rebuilt.data!.publishEdition.publishedAt).not.toBe(before.data!.daily.publishedAt);
  });

  it('refuses a future date, finds no edition before the first ingest, publishes a past one on request, and lists editions', async () => {
    const future = await gql(app.url, dailyQuery, { date: addDays(today, 1) });
    expect(future.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badDate = await gql(app.url, dailyQuery, { date: '2026-02-30' });
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const past = await gql(app.url, dailyQuery, { date: addDays(today, -20) });
    expect(past.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const backfilled = await publishEdition({ database, timeZone: 'UTC' }, addDays(today, -20));
    expect(backfilled.content.stories).toEqual([]);
    expect(backfilled.conceptSlugs).toHaveLength(5);
    const list = await gql(app.url, `{ editions(first: 10) { totalCount edges { node { date } } } }`);
    expect(list.data!.editions.edges.map((e: any) => e.node.date)).toEqual([today, addDays(today, -20)]);
  });

  it('rotates concepts by date: a cycle published in any order shows every concept once before any repeats', async () => {
    const n = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from concepts where status = 'published'`))[0]!.n;
    const days = Math.ceil(n / 5);
    // Every concept here was seeded on the library's first day, so cycles of `days` days run from 2020-01-01.
    const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    let start = addDays(today, -400);
    start = addDays(start, (days - ((dayOf(start) - dayOf('2020-01-01')) % days)) % days);
    const dates = Array.from({ length: days }, (_, i) => addDays(start, i));
    const backfillOrder = [...dates].sort((a, b) => (dayOf(a) * 7919) % days - (dayOf(b) * 7919) % days);
    expect(backfillOrder).not.toEqual(dates);
    const byDate = new Map<string, string[]>();
    for (const date of backfillOrder) byDate.set(date, (await publishEdition({ database, timeZone: 'UTC' }, date)).conceptSlugs);
    const slots = dates.flatMap((d) => byDate.get(d)!);
    expect(new Set(slots.slice(0, n)).size).toBe(n); // every concept once, in date order, before any repeats
    expect(new Set(slots).size).toBe(n);
  });

  it('lets one of two simultaneous publishers create the edition', async () => {
    const date = addDays(today, -40);
    const deps = { database, timeZone: 'UTC' };
    const [a, b] = await Promise.all([publishEdition(deps, date), publishEdition(deps, date)]);
    expect(a.id).toBe(b.id);
    const n = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from editions where date = ${date}`))[0]!.n;
    expect(n).toBe(1);
  });
});
