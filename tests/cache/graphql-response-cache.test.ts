import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataVersion, type DataVersion } from '../../src/cache/data-version.js';
import { GraphQLResponseCache, type CachedResponse, type Scope } from '../../src/http/graphql-cache.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

describe(`GraphQL response cache, found by raw body, on ${backend}`, () => {
  let database: TestDatabase;
  let version: DataVersion;
  let current: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    version = dataVersion(database);
    current = await version.current();
  });
  afterAll(async () => {
    await database.dispose();
  });

  const scope: Scope = { kind: 'key', accept: '' };
  const json = 'application/json';
  const answer = (text: string): CachedResponse => ({ version: current, status: 200, head: [], getHead: [], etag: '"e"', cacheControl: 'no-store', body: Buffer.from(text), charge: undefined });
  /** A cache holding an answer for each raw body, filled as the slow path fills it. */
  function cacheWith(...bodies: [raw: string, contentType: string, text: string][]): GraphQLResponseCache {
    const cache = new GraphQLResponseCache();
    for (const [raw, contentType, text] of bodies) cache.set(scope, `key of ${raw}`, answer(text), { contentType, raw });
    return cache;
  }
  const find = (cache: GraphQLResponseCache, raw: string | Buffer, contentType = json) =>
    cache.forBody(contentType, Buffer.isBuffer(raw) ? raw : Buffer.from(raw), scope, version, performance.now())?.body.toString();

  const a = '{"query":"{ daily { date } }"}';
  const b = '{"query":"{ daily { concepts { slug } } }"}';

  it('answers each body its own answer as requests alternate between bodies', () => {
    const cache = cacheWith([a, json, 'A'], [b, json, 'B']);
    expect([a, a, b, a, b, b, a].map((raw) => find(cache, raw))).toEqual(['A', 'A', 'B', 'A', 'B', 'B', 'A']);
    expect(find(cache, '{"query":"{ daily { title } }"}')).toBeUndefined();
  });

  it('answers a repeated body only under the content type it was asked with', () => {
    const cache = cacheWith([a, json, 'A']);
    expect(find(cache, a)).toBe('A');
    expect(find(cache, a, 'text/plain')).toBeUndefined();
    expect(find(cache, a)).toBe('A');
  });

  it('remembers the bytes it was asked with, not the caller’s buffer', () => {
    const cache = cacheWith([a, json, 'A']);
    const request = Buffer.from(a);
    expect(find(cache, request)).toBe('A');
    request.fill(' '); // the caller's buffer is reused for something else
    expect(find(cache, request)).toBeUndefined();
    expect(find(cache, a)).toBe('A');
  });

  it('finds a body again after it is answered under another content type', () => {
    const cache = cacheWith([a, json, 'A']);
    expect(find(cache, a)).toBe('A');
    cache.set(scope, `key of ${a}`, answer('A, utf-8'), { contentType: 'application/json; charset=utf-8', raw: a });
    expect(find(cache, a, 'application/json; charset=utf-8')).toBe('A, utf-8');
  });
});
