import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { addDays, dateIn } from '../../src/shared/dates.js';
import { startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const today = dateIn('UTC', new Date());
const past = addDays(today, -3);

describe(`daily JSON, feeds and e-mail over HTTP on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp(database, { EDITION_TIMEZONE: 'UTC' });
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

  it('answers conditional GETs with 304', async () => {
    const first = await fetch(`${app.url}/daily/${past}`);
    const etag = first.headers.get('etag')!;
    const byTag = await fetch(`${app.url}/daily/${past}`, { headers: { 'if-none-match': etag } });
    expect(byTag.status).toBe(304);
    const byDate = await fetch(`${app.url}/daily/${past}`, { headers: { 'if-modified-since': first.headers.get('last-modified')! } });
    expect(byDate.status).toBe(304);
    const stale = await fetch(`${app.url}/daily/${past}`, { headers: { 'if-none-match': '"old"' } });
    expect(stale.status).toBe(200);
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
});
