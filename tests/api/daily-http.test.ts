import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { addDays, dateIn } from '../../src/shared/dates.js';
import { openDatabase } from '../../src/db/client.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const today = dateIn('UTC', new Date());
const past = addDays(today, -3);

describe(`daily JSON, feeds and e-mail over HTTP on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    // Unlimited anonymous reads: a rate-limited client's charges are written every 250 ms, which
    // would count among the statements the card test below expects none of.
    app = await startTestApp(database, { EDITION_TIMEZONE: 'UTC', RATE_LIMIT_ANONYMOUS: '0' });
    // The install's first pass ran ten days ago and one ran today: reading a past date publishes its edition.
    await database.db.execute(sql`insert into ingest_runs (trigger, status, started_at, finished_at, sources_total)
      values ('cli', 'succeeded', now() - interval '10 days', now() - interval '10 days', 1), ('cli', 'succeeded', now(), now(), 1)`);
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  it('serves an edition as JSON, cacheable for good when the date is past', async () => {
    const res = await fetch(`${app.url}/daily/${past}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(Date.parse(res.headers.get('last-modified')!)).not.toBeNaN();
    const body = (await res.json()) as any;
    expect(body.date).toBe(past);
    expect(body.concepts).toHaveLength(5);
    expect(body.conceptOfTheDay.slug).toBe(body.concepts[0].slug);
    const again = await fetch(`${app.url}/daily/${past}`);
    expect(await again.json()).toEqual(body);
  });

  it("answers 404 NOT_FOUND, over HTTP and GraphQL, for an unpublished date before this installation's first ingest", async () => {
    const before = addDays(today, -20);
    const res = await fetch(`${app.url}/daily/${before}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    const query = await gql(app.url, `query($d: Date) { daily(date: $d) { date } }`, { d: before });
    expect(query.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(query.data?.daily ?? null).toBeNull();
  });

  it('answers conditional GETs with 304', async () => {
    const first = await fetch(`${app.url}/daily/${past}`);
    const etag = first.headers.get('etag')!;
    const byTag = await fetch(`${app.url}/daily/${past}`, { headers: { 'if-none-match': etag } });
    expect(byTag.status).toBe(304);
    const byDate = await fetch(`${app.url}/daily/${past}`, { headers: { 'if-modified-since': first.headers.get('last-modified')! } });
    expect(byDate.status).toBe(304);
    const stale = await fetch(`${app.url}/daily/${past}`, { headers: { 'if-none-match': '"old"' } });
    expect(stale.status).toBe(200);
    // If-None-Match compares weakly (RFC 9110): a proxy that compressed the answer hands clients W/"…".
    for (const tags of [`W/${etag}`, `"old", ${etag}`, '*']) {
      expect((await fetch(`${app.url}/daily/${past}`, { headers: { 'if-none-match': tags } })).status, tags).toBe(304);
    }
    // If-None-Match wins over If-Modified-Since: a stale tag gets the answer whatever the date says.
    const both = await fetch(`${app.url}/daily/${past}`, { headers: { 'if-none-match': '"old"', 'if-modified-since': first.headers.get('last-modified')! } });
    expect(both.status).toBe(200);
  });

  it('serves the newest edition at /daily and refuses future dates', async () => {
    const latest = await fetch(`${app.url}/daily`);
    expect(latest.status).toBe(200);
    expect(latest.headers.get('cache-control')).toBe('public, max-age=300');
    const future = await fetch(`${app.url}/daily/${addDays(today, 2)}`);
    expect(future.status).toBe(400);
    expect(((await future.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['rss', /^application\/rss\+xml/, /<rss version="2.0"/],
    ['atom', /^application\/atom\+xml/, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/],
    ['json', /^application\/feed\+json/, /"version":\s*"https:\/\/jsonfeed.org\/version\/1.1"/],
  ])('serves /feed/daily.%s with validators and 304', async (ext, type, marker) => {
    const res = await fetch(`${app.url}/feed/daily.${ext}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    const body = await res.text();
    expect(body).toMatch(marker);
    expect(body).toContain(`${app.url}/daily/${past}`);
    const cached = await fetch(`${app.url}/feed/daily.${ext}`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(cached.status).toBe(304);
  });

  it('renders the edition as an e-mail, HTML and text, with absolute links and no scripts', async () => {
    const html = await (await fetch(`${app.url}/daily/${past}/email.html`)).text();
    expect(html).toMatch(/<table/);
    expect(html).not.toMatch(/<script/i);
    for (const [, href] of html.matchAll(/href="([^"]+)"/g)) expect(href).toMatch(/^https?:\/\//);
    const text = await fetch(`${app.url}/daily/${past}/email.txt`);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await text.text()).toMatch(/mlbrief/i);
  });

  it('serves a concept card as JSON at the link the feeds use', async () => {
    const res = await fetch(`${app.url}/concepts/dropout`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).name).toBe('Dropout');
    expect((await fetch(`${app.url}/concepts/nope`)).status).toBe(404);
  });

  it('serves a concept card again without SQL, and shows a content change made elsewhere within seconds', async () => {
    const first = await fetch(`${app.url}/concepts/attention-mechanism`);
    const card = (await first.json()) as any;
    // Five reads of the cached card cost no statement but the version stamp's (read once a second;
    // a slow machine may take more than one). Work an earlier test left running that moves the stamp
    // (an edition published in the background, say) rightly makes the card render again at the next
    // stamp read, up to 2 s later: seen on a busy CI machine as 6 statements (the stamp, then the
    // card's queries). So a
    // window the version moved in is measured again, up to three times; a card cache that never
    // answers fails every window (25 statements each).
    let outcome = { ran: Number.POSITIVE_INFINITY, stamps: 0, what: '' };
    for (let window = 0; window < 3 && outcome.ran > outcome.stamps; window++) {
      const statements = database.stats.statements;
      const started = performance.now();
      for (let i = 0; i < 5; i++) {
        const again = await fetch(`${app.url}/concepts/attention-mechanism`);
        expect(await again.json()).toEqual(card);
        expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      }
      const ran = database.stats.statements - statements;
      const stamps = 1 + Math.floor((performance.now() - started) / 1000);
      outcome = { ran, stamps, what: database.stats.recent.slice(-ran).map((q) => q.slice(0, 80)).join(' | ') };
    }
    expect(outcome.ran, `statements in the last window: ${outcome.what}`).toBeLessThanOrEqual(outcome.stamps);

    // What a re-seed from another process does: new content, new content hash.
    await database.db.execute(sql`update concepts set summary = 'Changed elsewhere.', content_hash = 'changed' where slug = 'attention-mechanism'`);
    let summary = card.summary;
    for (let i = 0; i < 40 && summary === card.summary; i++) {
      await new Promise((r) => setTimeout(r, 100));
      summary = ((await (await fetch(`${app.url}/concepts/attention-mechanism`)).json()) as any).summary;
    }
    expect(summary).toBe('Changed elsewhere.');
  });
});

describe(`cached daily bytes follow rebuilds on ${backend}`, () => {
  const token = 'daily-cache-admin-token-0123456789';
  const admin = { authorization: `Bearer ${token}` };
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { EDITION_TIMEZONE: 'UTC', ADMIN_TOKEN: token, RATE_LIMIT_ANONYMOUS: '0' });
    // This install's first ingest was long ago, so past dates have editions to read (previews here).
    await database.db.execute(sql`insert into ingest_runs (trigger, status, started_at) values ('cli', 'abandoned', now() - interval '10 days')`);
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  const daily = `query($date: Date) { daily(date: $date) { date publishedAt concepts { slug } } }`;
  const rebuild = (date: string) =>
    gql(app.url, `mutation($date: Date) { publishEdition(date: $date, force: true) { publishedAt } }`, { date }, admin);

  it('serves repeat GETs and daily queries without SQL, and a forced rebuild shows on the next request', async () => {
    const first = await fetch(`${app.url}/daily/${past}`);
    const before = (await first.json()) as any;
    const query = await gql(app.url, daily, { date: past });
    const statements = database.stats.statements;
    const again = await fetch(`${app.url}/daily/${past}`);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    await again.arrayBuffer();
    expect((await gql(app.url, daily, { date: past })).data).toEqual(query.data);
    expect(database.stats.statements - statements).toBeLessThanOrEqual(1); // at most the once-a-second version stamp

    const rebuilt = await rebuild(past);
    expect(rebuilt.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 5)); // publishedAt has millisecond resolution
    const after = await fetch(`${app.url}/daily/${past}`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as any).publishedAt).not.toBe(before.publishedAt);
    expect((await gql(app.url, daily, { date: past })).data!.daily.publishedAt).toBe(rebuilt.data!.publishEdition.publishedAt);
  });

  it('follows a newly published edition at /daily and in the daily query', async () => {
    await (await fetch(`${app.url}/daily`)).arrayBuffer();
    await gql(app.url, daily);
    const rebuilt = await rebuild(today);
    const latest = (await (await fetch(`${app.url}/daily`)).json()) as any;
    expect(latest.date).toBe(today);
    expect(latest.publishedAt).toBe(rebuilt.data!.publishEdition.publishedAt);
    expect((await gql(app.url, daily)).data!.daily.publishedAt).toBe(rebuilt.data!.publishEdition.publishedAt);
  });

  it('notices an edition rebuilt by another process within about a second', async () => {
    // Another process: its own connection on PostgreSQL; on PGlite, SQL that skips this process's events.
    const other = database.url ? await openDatabase({ url: database.url, dataDir: '' }) : database;
    const first = await fetch(`${app.url}/daily/${past}`);
    await first.arrayBuffer();
    await other.db.execute(sql`update editions set published_at = published_at + interval '1 hour' where date = ${past}`);
    if (other !== database) await other.close();
    let lastModified = first.headers.get('last-modified');
    for (let i = 0; i < 100 && lastModified === first.headers.get('last-modified'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      const res = await fetch(`${app.url}/daily/${past}`);
      await res.arrayBuffer();
      lastModified = res.headers.get('last-modified');
    }
    expect(Date.parse(lastModified!) - Date.parse(first.headers.get('last-modified')!)).toBe(3_600_000);
  });
});
