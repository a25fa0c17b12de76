import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const token = 'http-cache-admin-token-0123456789';
const accept = 'application/graphql-response+json';
const preflight = { 'apollo-require-preflight': 'true', accept };

describe(`HTTP caching of GraphQL GET on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { ADMIN_TOKEN: token, RATE_LIMIT_WINDOW_SECONDS: '31536000' });
    const published = await gql(app.url, `mutation { publishEdition(date: "2026-10-01") { id } }`, {}, { authorization: `Bearer ${token}` });
    expect(published.errors).toBeUndefined();
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/graphql?${new URLSearchParams(params)}`, { headers: { ...preflight, ...headers } });
  const post = (body: unknown) => fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });

  it('answers a cacheable anonymous GET with the POST bytes, an ETag, public Cache-Control and 304s', async () => {
    const query = `{ daily { date concepts { slug } } }`;
    const viaPost = await post({ query });
    expect(viaPost.headers.get('cache-control')).toBe('no-store');
    const postBytes = await viaPost.text();
    for (let i = 0; i < 3; i++) {
      // The first is answered by Apollo, the next ones from the cache (the request target seen before).
      const res = await get({ query });
      expect([i, res.status, res.headers.get('cache-control')]).toEqual([i, 200, 'public, max-age=300']);
      expect(await res.text()).toBe(postBytes);
      const etag = res.headers.get('etag')!;
      expect(etag).toBe(`"${createHash('sha256').update(postBytes).digest('base64url').slice(0, 27)}"`);
      const revalidated = await get({ query }, { 'if-none-match': etag });
      expect([i, revalidated.status, revalidated.headers.get('etag'), revalidated.headers.get('cache-control'), await revalidated.text()]).toEqual([i, 304, etag, 'public, max-age=300', '']);
      expect(Number(revalidated.headers.get('x-ratelimit-cost'))).toBe(1);
    }
  });

  it('caches a published past date for a year, and APQ GETs the same way', async () => {
    const query = `query Day($d: Date) { daily(date: $d) { date preview } }`;
    const variables = JSON.stringify({ d: '2026-10-01' });
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const unknown = await get({ extensions, variables });
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.headers.get('etag')).toBeNull();
    const registered = await get({ query, extensions, variables });
    expect([registered.status, registered.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
    const bytes = await registered.text();
    expect(JSON.parse(bytes).data.daily).toEqual({ date: '2026-10-01', preview: false });
    for (let i = 0; i < 2; i++) {
      const byHash = await get({ extensions, variables });
      expect([i, byHash.status, byHash.headers.get('etag'), await byHash.text()]).toEqual([i, 200, registered.headers.get('etag'), bytes]);
      expect((await get({ extensions, variables }, { 'if-none-match': registered.headers.get('etag')! })).status).toBe(304);
    }
    // Today's edition changes when it is published: a short max-age.
    const today = await get({ query, variables: JSON.stringify({ d: new Date().toISOString().slice(0, 10) }) });
    expect(today.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('keeps what is not a cacheable anonymous read out of shared caches', async () => {
    const created = await gql(app.url, `mutation { createApiKey(name: "cache") { secret } }`, {}, { authorization: `Bearer ${token}` });
    const keyed = await get({ query: '{ daily { date } }' }, { authorization: `Bearer ${created.data!.createApiKey.secret}` });
    expect([keyed.status, keyed.headers.get('cache-control')]).toEqual([200, 'private, no-cache']);
    const other = await get({ query: '{ tags { slug } }' });
    expect([other.status, other.headers.get('cache-control'), other.headers.get('etag')]).toEqual([200, 'no-store', null]);
    const csrf = await fetch(`${app.url}/graphql?${new URLSearchParams({ query: '{ daily { date } }' })}`);
    expect([csrf.status, csrf.headers.get('etag')]).toEqual([400, null]);
  });
});
