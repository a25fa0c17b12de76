import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditServer } from 'graphql-http';
import type { RunningApp } from '../../src/app.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

describe(`the HTTP server on ${backend}`, () => {
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

  it('meets every MUST of the GraphQL-over-HTTP spec (graphql-http audits)', async () => {
    const results = await auditServer({ url: `${app.url}/graphql` });
    const failedMusts = results.filter((r) => r.status !== 'ok' && r.name.startsWith('MUST'));
    expect(failedMusts.map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
  });

  it('answers GET queries (with the CSRF-safe header) as well as POST', async () => {
    const query = encodeURIComponent('{ concept(slug: "dropout") { name } }');
    const res = await fetch(`${app.url}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { concept: { name: 'Dropout' } } });
  });

  it('refuses a mutation over GET and a simple cross-site request', async () => {
    const csrf = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ tags { slug } }')}`);
    expect(csrf.status).toBe(400);
    const mutation = encodeURIComponent('mutation { removeSource(id: "x") }');
    const viaGet = await fetch(`${app.url}/graphql?query=${mutation}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(viaGet.status).toBe(405);
  });

  it('answers an oversized body with 413 before parsing it', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ${'__typename '.repeat(200_000)} }` }),
    });
    expect(res.status).toBe(413);
  });

  it('answers an oversized chunked body (no Content-Length) with 413 too', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk); // 2.6 MB, past the 1 MB cap
        else controller.close();
      },
    });
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('tags every response with a request id, cached answers included, and echoes a well-formed one', async () => {
    const daily = JSON.stringify({ query: '{ daily { date } }' });
    const post = () => fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: daily });
    const ids: string[] = [];
    for (const res of [await fetch(`${app.url}/daily`), await fetch(`${app.url}/daily`), await post(), await post(), await fetch(`${app.url}/healthz`)]) {
      expect(res.status).toBe(200);
      ids.push(res.headers.get('x-request-id') ?? '');
    }
    expect(ids.every((id) => /^[\w.-]{8,}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const echoed = await fetch(`${app.url}/daily`, { headers: { 'x-request-id': 'trace-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-42');
    const refused = await fetch(`${app.url}/daily`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(refused.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });

  it('answers malformed JSON with 400', async () => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    expect(res.status).toBe(400);
  });

  it('reports liveness and readiness', async () => {
    const live = await fetch(`${app.url}/healthz`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: backend });
  });

  it('serves an explorer page whose scripts all come from this server', async () => {
    const page = await fetch(`${app.url}/explorer`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith('/')).toBe(true);
      const asset = await fetch(`${app.url}${source}`);
      expect(asset.status, source).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(20);
    }
  });

  it('answers unknown paths with 404 in the GraphQL error shape', async () => {
    const res = await fetch(`${app.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ message: 'no route for /nope', extensions: { code: 'NOT_FOUND' } }] });
  });

  it('reports parse and validation errors with stable codes and no schema hints', async () => {
    const parse = await gql(app.url, '{ concepts(');
    expect(parse.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = await gql(app.url, '{ concept(slug: "dropout") { nam } }');
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(invalid.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe(`unexpected errors on ${backend}`, () => {
  it('are masked for clients and logged in full', async () => {
    const database = await createTestDatabase({ seeded: true });
    const { Writable } = await import('node:stream');
    const { pino } = await import('pino');
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }));
    const { startApp } = await import('../../src/app.js');
    const { loadConfig } = await import('../../src/config/env.js');
    const app = await startApp({ config: loadConfig({ PORT: '0', NODE_ENV: 'production' }), logger, database });
    try {
      const { sql } = await import('drizzle-orm');
      await database.db.execute(sql`alter table explanations rename to explanations_moved`);
      const res = await gql(app.url, '{ concept(slug: "dropout") { name explanations { body } } }');
      expect(res.errors).toEqual([
        { message: 'Internal server error', path: ['concept', 'explanations'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ]);
      expect(lines.join('')).toMatch(/explanations.*does not exist/);
      expect(lines.join('')).toMatch(/"stack":/);
    } finally {
      await app.stop();
      await database.dispose();
    }
  });
});

describe.runIf(backend === 'postgres')('readiness while the database is away', () => {
  it('fails /readyz while PostgreSQL refuses connections and recovers when it returns', async () => {
    const database = await createTestDatabase({ seeded: true });
    const app = await startTestApp(database);
    const { openDatabase } = await import('../../src/db/client.js');
    const { adminUrl } = await import('../support/postgres-names.js');
    const { sql } = await import('drizzle-orm');
    const admin = await openDatabase({ url: adminUrl(process.env.TEST_DATABASE_URL!), dataDir: '', maxConnections: 1 });
    const name = new URL(database.url!).pathname.slice(1);
    try {
      expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
      await admin.db.execute(sql.raw(`alter database "${name}" allow_connections false`));
      await admin.db.execute(sql.raw(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`));
      const down = await fetch(`${app.url}/readyz`);
      expect(down.status).toBe(503);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200); // alive, just not ready
      await admin.db.execute(sql.raw(`alter database "${name}" allow_connections true`));
      let status = 0;
      for (let i = 0; i < 20 && status !== 200; i++) {
        status = (await fetch(`${app.url}/readyz`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
    } finally {
      await app.stop();
      await database.dispose();
      await admin.close();
    }
  });
});
