import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/client.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const token = 'limits-admin-token-0123456789';
const admin = { authorization: `Bearer ${token}` };

describe(`query limits on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { RATE_LIMIT_ANONYMOUS: '0' });
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  const deep = `{ concept(slug: "dropout") { ${'related { '.repeat(20)}slug${' }'.repeat(20)} } }`;
  const aliases = `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
  const wide = `{ concepts(first: 100) { edges { node { tags { concepts(first: 100) { edges { node { related { slug } } } } } } } } }`;
  const cycle = `query { concept(slug: "dropout") { ...A } } fragment A on Concept { related { ...B } } fragment B on Concept { related { ...A } }`;
  const introspection = `{ __type(name: "Concept") { ${'fields { type { '.repeat(10)}name${' } }'.repeat(10)} } }`;

  it.each([
    ['deep nesting', deep, 400, /QUERY_TOO_COMPLEX|depth/],
    ['10,000 aliases', aliases, 400, /QUERY_TOO_COMPLEX|tokens/],
    ['a huge first, nested', wide, 400, /QUERY_TOO_COMPLEX/],
    ['a fragment cycle', cycle, 400, /GRAPHQL_VALIDATION_FAILED|QUERY_TOO_COMPLEX/],
    ['deep introspection', introspection, 400, /QUERY_TOO_COMPLEX|GRAPHQL_VALIDATION_FAILED/],
  ])('refuses %s before execution', async (_label, query, status, code) => {
    const before = database.stats.statements;
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(res.status).toBe(status);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(`${body.errors[0]!.extensions.code} ${JSON.stringify(body)}`).toMatch(code);
    expect(database.stats.statements - before).toBe(0);
  });

  it('refuses a multi-megabyte document with 413 and a batch with 400', async () => {
    const big = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename ${' '.repeat(3_000_000)} }` }),
    });
    expect(big.status).toBe(413);
    const batch = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(batch.status).toBe(400);
  });

  it('still runs normal queries and the explorer introspection', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const intro = await gql(app.url, getIntrospectionQuery());
    expect(intro.errors).toBeUndefined();
    expect(intro.data!.__schema.types.length).toBeGreaterThan(20);
    const page = await gql(app.url, `{ concepts(first: 100) { edges { node { slug tags { slug } explanations { kind } related { slug } } } } }`);
    expect(page.errors).toBeUndefined();
    expect(page.data!.concepts.edges.length).toBe(100);
  });
});

describe(`rate limits and API keys on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let second: RunningApp;
  let secondDb: Awaited<ReturnType<typeof openDatabase>> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    // A year-long window, so it cannot roll over while the tests count points.
    const env = { ADMIN_TOKEN: token, RATE_LIMIT_ANONYMOUS: '200', RATE_LIMIT_API_KEY: '2000', RATE_LIMIT_WINDOW_SECONDS: '31536000', CORS_ORIGINS: 'https://app.example.org' };
    app = await startTestApp(database, env);
    // A second API process on the same database: on PostgreSQL its own connection pool.
    secondDb = database.url ? await openDatabase({ url: database.url, dataDir: '' }) : undefined;
    second = await startTestApp(secondDb ?? database, env);
  });
  afterAll(async () => {
    await second.stop();
    await secondDb?.close();
    await app.stop();
    await database.dispose();
  });

  const query = `{ concepts(first: 20) { edges { node { slug } } } rateLimit { limit cost remaining resetAt } }`;

  it('charges query cost per client across API processes, then answers 429', async () => {
    const first = await gql(app.url, query);
    expect(first.errors).toBeUndefined();
    const { limit, cost, remaining } = first.data!.rateLimit;
    expect(limit).toBe(200);
    expect(cost).toBeGreaterThan(20);
    expect(remaining).toBe(200 - cost);
    expect(first.headers.get('x-ratelimit-limit')).toBe('200');
    expect(first.headers.get('x-ratelimit-remaining')).toBe(String(200 - cost));
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);

    const other = await gql(second.url, query); // the other process sees the same budget
    expect(other.data!.rateLimit.remaining).toBe(200 - 2 * cost);

    let res = other;
    for (let i = 0; i < 20 && res.status === 200; i++) res = await gql(i % 2 ? app.url : second.url, query);
    expect(res.status).toBe(429);
    expect(res.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);

    // Usage never falls within a window: once a process knows the budget is spent, it refuses
    // without asking the database, so hammering past the limit costs no SQL per request.
    await gql(app.url, query);
    await new Promise((resolve) => setTimeout(resolve, 600)); // let the batched write of earlier grants land
    const before = database.stats.statements;
    for (let i = 0; i < 5; i++) expect((await gql(app.url, query)).status).toBe(429);
    expect(database.stats.statements - before).toBe(0);
  });

  it('gives API keys their own, higher budget; a revoked key is UNAUTHENTICATED', async () => {
    const created = await gql(app.url, `mutation { createApiKey(name: "my app") { key { id name prefix } secret } }`, {}, admin);
    expect(created.errors).toBeUndefined();
    const { key, secret } = created.data!.createApiKey;
    expect(secret.startsWith(key.prefix)).toBe(true);
    const [stored] = await database.db.execute(sql`select key_hash from api_keys`).then((r: any) => (Array.isArray(r) ? r : r.rows));
    expect(JSON.stringify(stored)).not.toContain(secret);

    const withKey = await gql(app.url, query, {}, { authorization: `Bearer ${secret}` });
    expect(withKey.status).toBe(200);
    expect(withKey.data!.rateLimit.limit).toBe(2000);

    const notAdmin = await gql(app.url, `mutation { createApiKey(name: "x") { secret } }`, {}, { authorization: `Bearer ${secret}` });
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const revoked = await gql(app.url, `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: key.id }, admin);
    expect(revoked.data!.revokeApiKey.revokedAt).toBeTruthy();
    const after = await gql(app.url, `{ __typename }`, {}, { authorization: `Bearer ${secret}` });
    expect([after.status, after.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const ok = await fetch(`${app.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    const bad = await fetch(`${app.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.org', 'access-control-request-method': 'POST' },
    });
    expect(bad.status).toBe(403);
    // Only the exact origin: not one that starts with it, nor another scheme or port of it.
    for (const origin of ['https://app.example.org.evil.example', 'http://app.example.org', 'https://app.example.org:8443']) {
      const lookalike = await fetch(`${app.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect([origin, lookalike.status, lookalike.headers.get('access-control-allow-origin')]).toEqual([origin, 403, null]);
    }
  });

  it('serves Prometheus metrics with request counts and latency by operation', async () => {
    await gql(app.url, `query DailyCheck { __typename }`, {}, admin);
    const count = (text: string) => Number(/mlbrief_http_requests_total\{method="GET",route="\/daily",status="200"\} (\d+)/.exec(text)?.[1] ?? 0);
    const before = count(await (await fetch(`${app.url}/metrics`)).text());
    // As the admin: /daily shares the anonymous budget the tests above spent (issue 18).
    for (let i = 0; i < 3; i++) expect((await fetch(`${app.url}/daily`, { headers: admin })).status).toBe(200); // the 2nd and 3rd are cache hits
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(count(text)).toBe(before + 3);
    const buckets = [...text.matchAll(/mlbrief_http_request_duration_seconds_bucket\{le="([^"]+)",route="\/daily"\} (\d+)/g)];
    expect(buckets.map((m) => m[1])).toEqual(['0.001', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf']);
    expect(buckets.map((m) => Number(m[2]))).toEqual([...buckets.map((m) => Number(m[2]))].sort((a, b) => a - b)); // cumulative
    expect(text).toMatch(new RegExp(`mlbrief_http_request_duration_seconds_count\\{route="/daily"\\} ${buckets.at(-1)![2]}`));
    expect(text).toMatch(/mlbrief_http_requests_total\{method="POST",route="\/graphql",status="200"\} \d+/);
    expect(text).toMatch(/mlbrief_graphql_operation_duration_seconds_bucket\{le="[\d.]+",operation="DailyCheck",outcome="ok"\}/);
    expect(text).toMatch(/mlbrief_ingest_runs_total/);
    expect(text).toMatch(/mlbrief_editions_published_total/);
    // The event loop's lag, sampled ten times a second (metrics.ts): still there for an operator.
    expect(text).toMatch(/mlbrief_nodejs_eventloop_lag_p99_seconds \d/);
  });
});

describe(`rate limits on cached responses on ${backend}`, () => {
  const adminToken = 'cache-test-admin-token-0123456789';
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    // A year-long window: the tests count remaining points exactly, which a window rolling over mid-run would reset.
    app = await startTestApp(database, { RATE_LIMIT_ANONYMOUS: '60', RATE_LIMIT_WINDOW_SECONDS: '31536000', ADMIN_TOKEN: adminToken });
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  it('answers each caller from the cache in its own scope: an API key, the admin token; an unknown token never', async () => {
    const created = await gql(app.url, `mutation { createApiKey(name: "cache") { secret } }`, {}, { authorization: `Bearer ${adminToken}` });
    // Anonymous first: a caller put in the wrong scope would then get the anonymous answer.
    const unknown = { authorization: 'Bearer mlb_not-a-key-at-all' };
    for (let i = 0; i < 3; i++) expect((await gql(app.url, `{ daily { date } }`, {}, unknown)).status).toBe(401);
    const callers = {
      anonymous: {},
      key: { authorization: `Bearer ${created.data!.createApiKey.secret}` },
      admin: { authorization: `Bearer ${adminToken}` },
    };
    const daily = `{ daily { date } }`;
    for (const [name, headers] of Object.entries(callers)) {
      // The caller's own limit, through Apollo (a query no cache answers).
      const own = (await gql(app.url, `{ __typename sources { id } }`, {}, headers)).headers.get('x-ratelimit-limit');
      const first = await gql(app.url, daily, {}, headers);
      const again = await gql(app.url, daily, {}, headers);
      for (const res of [first, again]) {
        expect([name, res.status, res.headers.get('x-ratelimit-limit')]).toEqual([name, 200, own]);
        expect(res.data).toEqual(first.data);
      }
    }
  });

  it('answers a revoked key with 401 at once, on the cached path too', async () => {
    const admin = { authorization: `Bearer ${adminToken}` };
    const created = await gql(app.url, `mutation { createApiKey(name: "revoked") { key { id } secret } }`, {}, admin);
    const { key, secret } = created.data!.createApiKey;
    const headers = { authorization: `Bearer ${secret}` };
    const daily = `{ daily { date } }`;
    for (let i = 0; i < 3; i++) {
      // The second and third are answered from the cache, the key known by its secret.
      expect((await gql(app.url, daily, {}, headers)).headers.get('x-ratelimit-limit')).not.toBe('60');
    }
    await gql(app.url, `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: key.id }, admin);
    // The mutation makes cached answers stale; another key's request caches the key scope's answer
    // again, which the revoked secret must not be given.
    const other = await gql(app.url, `mutation { createApiKey(name: "other") { secret } }`, {}, admin);
    for (let i = 0; i < 2; i++) await gql(app.url, daily, {}, { authorization: `Bearer ${other.data!.createApiKey.secret}` });
    for (let i = 0; i < 3; i++) {
      const after = await gql(app.url, daily, {}, headers);
      expect([i, after.status, after.errors?.[0]?.extensions?.code]).toEqual([i, 401, 'UNAUTHENTICATED']);
    }
  });

  it('charges and refuses cached daily queries like any other', async () => {
    const daily = `{ daily { date concepts { slug } } }`;
    const first = await gql(app.url, daily);
    expect(first.status).toBe(200);
    expect(Number(first.headers.get('x-ratelimit-cost'))).toBeGreaterThan(1);
    const cost = 1; // an answer from the cache costs 1 point, whatever the query costs cold
    let remaining = Number(first.headers.get('x-ratelimit-remaining'));
    let res = first;
    for (let i = 0; i < 300 && res.status === 200; i++) {
      res = await gql(app.url, daily);
      if (res.status !== 200) break;
      expect(res.data).toEqual(first.data);
      expect(Number(res.headers.get('x-ratelimit-remaining'))).toBe(remaining - cost);
      remaining -= cost;
    }
    expect(res.status).toBe(429);
    expect(res.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(res.headers.get('x-ratelimit-remaining')).toBe(String(remaining));
    // The refusal of a cached query (answered without Apollo) reads as Apollo's would.
    expect(res.errors?.[0]?.message).toMatch(new RegExp(`^rate limit exceeded: this query costs ${cost} points and ${remaining} of 60 remain; enough are back at \\d{4}-`));
    expect(res.headers.get('x-ratelimit-cost')).toBe(String(cost));
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('content-type')).toBe(first.headers.get('content-type'));
    const operations = async () => {
      const text = await (await fetch(`${app.url}/metrics`)).text();
      return [...text.matchAll(/mlbrief_graphql_operation_duration_seconds_count\{[^}]*\} (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    };
    const before = await operations();
    const again = await gql(app.url, daily);
    expect([again.status, again.errors?.[0]?.message]).toEqual([429, res.errors?.[0]?.message]);
    expect(await operations()).toBe(before); // refused from the cache path: Apollo never saw it
  });

  it('refuses a caller with no point left before any GraphQL work, with the same status, code and headers', async () => {
    const cheapest = `{ __typename }`; // costs 1: spend the window to the last point
    for (let i = 0; i < 100 && (await gql(app.url, cheapest)).status === 200; i++);
    const operations = async () => {
      const text = await (await fetch(`${app.url}/metrics`)).text();
      return [...text.matchAll(/mlbrief_graphql_operation_duration_seconds_count\{[^}]*\} (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    };
    const before = await operations();
    for (const query of [cheapest, `{ daily { date } }`, `{ concepts(first: 1) { totalCount } }`]) {
      const res = await gql(app.url, query);
      expect(res.status).toBe(429);
      expect(res.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(res.headers.get('x-ratelimit-limit')).toBe('60');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(await operations()).toBe(before); // Apollo never saw them
  });
});
