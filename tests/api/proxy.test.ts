import http from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { addDays, dateIn } from '../../src/shared/dates.js';
import { startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const past = addDays(dateIn('UTC', new Date()), -2);

/** A request with headers fetch would not send as given (Host), over node:http. */
function get(url: string, path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const query = (url: string, headers: Record<string, string>) =>
  get(url, '/graphql', { 'content-type': 'application/json', ...headers }, 'POST', JSON.stringify({ query: '{ rateLimit { remaining } }' }));

describe(`behind a reverse proxy (PUBLIC_URL, TRUST_PROXY) on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let direct: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    // An installation that has been ingesting for a week (`past` is not before its first news) and
    // has just finished a pass (`past`'s news is in, so reading it publishes it).
    await database.db.execute(
      sql`insert into ingest_runs (trigger, status, started_at, finished_at, sources_total) values
            ('cli', 'succeeded', now() - interval '7 days', now() - interval '7 days', 1), ('cli', 'succeeded', now(), now(), 1)`,
    );
    const env = { EDITION_TIMEZONE: 'UTC', RATE_LIMIT_ANONYMOUS: '1000', RATE_LIMIT_WINDOW_SECONDS: '31536000', CORS_ORIGINS: 'https://app.example.org' };
    app = await startTestApp(database, { ...env, PUBLIC_URL: 'https://brief.example/', TRUST_PROXY: '127.0.0.1' });
    direct = await startTestApp(database, { ...env, CORS_ORIGINS: '*' });
  });
  afterAll(async () => {
    await app.stop();
    await direct.stop();
    await database.dispose();
  });

  it('builds every absolute link from PUBLIC_URL, never from a forged Host, and keeps one copy per path', async () => {
    for (const path of [`/daily/${past}`, '/feed/daily.rss', '/feed/daily.atom', '/feed/daily.json', `/daily/${past}/email.html`]) {
      const forged = await get(app.url, path, { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' });
      expect(forged.status, path).toBe(200);
      expect(forged.body, path).toContain('https://brief.example/');
      expect(forged.body, path).not.toContain('evil.example');
      expect(forged.headers.vary ?? '', path).not.toMatch(/host/i);
      const plain = await get(app.url, path, {});
      expect(plain.headers.etag, path).toBe(forged.headers.etag);
    }
  });

  it('links to where it listens when PUBLIC_URL is unset, whatever the Host', async () => {
    expect((await get(direct.url, `/daily/${past}`, {})).status).toBe(200); // published: the feed has an item
    const res = await get(direct.url, '/feed/daily.json', { host: 'evil.example' });
    expect(res.body).toContain(`${direct.url}/daily/`);
    expect(res.body).not.toContain('evil.example');
  });

  it('counts anonymous clients by the address a trusted proxy forwarded, IPv6 by /64', async () => {
    const spent = async (headers: Record<string, string>) => JSON.parse((await query(app.url, headers)).body).data.rateLimit.remaining as number;
    const first = await spent({ 'x-forwarded-for': '198.51.100.1' });
    expect(await spent({ 'x-forwarded-for': '198.51.100.1' })).toBeLessThan(first);
    // Another client behind the same proxy has a budget of its own.
    expect(await spent({ 'x-forwarded-for': '198.51.100.2' })).toBe(first);
    // Addresses inside one /64 share a budget; the next /64 has its own.
    const v6 = await spent({ 'x-forwarded-for': '2001:db8:1:2::1' });
    expect(v6).toBe(first);
    expect(await spent({ 'x-forwarded-for': '2001:db8:1:2:ffff::9' })).toBeLessThan(v6);
    expect(await spent({ forwarded: 'for="[2001:db8:1:3::1]"' })).toBe(first);
  });

  it('ignores forwarding headers when no proxy is trusted: a client cannot pick its own budget', async () => {
    const spent = async (headers: Record<string, string>) => JSON.parse((await query(direct.url, headers)).body).data.rateLimit.remaining as number;
    const a = await spent({ 'x-forwarded-for': '198.51.100.50' });
    expect(await spent({ 'x-forwarded-for': '198.51.100.51' })).toBeLessThan(a);
  });

  it('sends Vary: Origin on every cacheable answer when the allowed origins are a list, and * for anyone otherwise', async () => {
    for (const headers of [{}, { origin: 'https://app.example.org' }, { origin: 'https://other.example' }] as Record<string, string>[]) {
      const res = await get(app.url, `/daily/${past}`, headers);
      expect(res.headers.vary, JSON.stringify(headers)).toMatch(/origin/i);
      const notModified = await get(app.url, `/daily/${past}`, { ...headers, 'if-none-match': res.headers.etag! });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.vary).toMatch(/origin/i);
    }
    expect((await get(app.url, `/daily/${past}`, { origin: 'https://app.example.org' })).headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect((await get(app.url, `/daily/${past}`, { origin: 'https://other.example' })).headers['access-control-allow-origin']).toBeUndefined();
    expect((await get(app.url, '/healthz', {})).headers.vary).toMatch(/origin/i);
    // With `*` the answer is the same for every origin: the header is always there, nothing varies.
    for (const headers of [{}, { origin: 'https://other.example' }] as Record<string, string>[]) {
      const res = await get(direct.url, `/daily/${past}`, headers);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers.vary ?? '').not.toMatch(/origin/i);
    }
  });
});
