import { buildSchema as parseSdl, getIntrospectionQuery, buildClientSchema, printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

describe(`GET /schema.graphql on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database);
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  it('serves the SDL the server runs, cacheable, with an ETag and 304s', async () => {
    const res = await fetch(`${app.url}/schema.graphql`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const sdl = await res.text();
    expect(sdl).toContain('scalar Date @specifiedBy(url: "https://www.rfc-editor.org/rfc/rfc3339#section-5.6")');
    expect(sdl).toContain('scalar URL @specifiedBy(url: "https://url.spec.whatwg.org/")');
    expect(sdl).toMatch(/search\([\s\S]*?\): \[SearchResult!\]! @deprecated\(reason: "Use searchConcepts/);
    // The same schema introspection gives (descriptions and all).
    const intro = await gql(app.url, getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }));
    expect(printSchema(parseSdl(sdl))).toBe(printSchema(buildClientSchema(intro.data as never)));

    const again = await fetch(`${app.url}/schema.graphql`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
  });
});
