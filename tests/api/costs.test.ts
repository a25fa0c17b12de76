import { readFileSync } from 'node:fs';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const daily = `{ daily { date conceptOfTheDay { slug title } concepts { slug } topStories { rank score reasons story { title url coverage alsoCoveredBy { source { name } } } } } }`;

/** The README's costs table, each row's query sent over HTTP here: the figures are what the server charges. */
const typical: [label: string, query: string][] = [
  ['one page of 20 concepts (`concepts(first: 20) { edges { node { slug title summary } } pageInfo { … } }`)', `{ concepts(first: 20) { edges { node { slug title summary } } pageInfo { hasNextPage endCursor } } }`],
  ['a page of 100 whole cards (`concepts(first: 100)` with `tags`, `explanations`, `related`)', `{ concepts(first: 100) { edges { node { slug title tags { slug } explanations { kind body } related { slug } } } } }`],
  ['one concept with its tags and explanations', `{ concept(slug: "dropout") { title tags { slug } explanations { kind body } } }`],
  ['`searchConcepts(query, first: 10)` with the concepts', `{ searchConcepts(query: "dropout", first: 10) { edges { score node { slug title } } } }`],
  ['`stories(first: 20)` with each story\'s source', `{ stories(first: 20) { edges { node { title url source { name } } } } }`],
  ['the daily query (README, Example queries), the first time', daily],
  ['the same daily query again (answered from the response cache)', daily],
  ['the standard introspection query (GraphiQL, graphql-codegen)', getIntrospectionQuery()],
  ['a query refused for its arguments or limits (`concepts(first: 2000)`)', `{ concepts(first: 2000) { edges { node { slug } } } }`],
];

function readmeTable(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Costs'));
  const start = section.indexOf('| query |');
  return section.slice(start, section.indexOf('\n\n', start));
}

describe(`query costs on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { RATE_LIMIT_ANONYMOUS: '100000', RATE_LIMIT_WINDOW_SECONDS: '31536000' });
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  const remaining = async () => Number((await gql(app.url, '{ __typename }')).headers.get('x-ratelimit-remaining')) + 1;

  it('charges what the README costs table says', async () => {
    const rows = ['| query | points |', '| --- | ---: |'];
    for (const [label, query] of typical) {
      const before = await remaining();
      const res = await gql(app.url, query);
      const charged = before - (await remaining()) - 1; // the second probe's own point
      if (!label.includes('refused')) expect([label, res.status, res.errors]).toEqual([label, 200, undefined]);
      if (res.status === 200) expect(Number(res.headers.get('x-ratelimit-cost'))).toBe(charged);
      rows.push(`| ${label} | ${charged} |`);
    }
    // Regenerate the table from this test's output when the cost model changes.
    expect(readmeTable(), `README.md, Costs, should read:\n${rows.join('\n')}\n`).toBe(rows.join('\n'));
  });

  it('charges nothing for a query refused before execution, and at most 10 points for introspection', async () => {
    for (const query of [
      `{ concepts(first: 2000) { totalCount } }`,
      `{ search(query: "x", first: 500) { score } }`,
      `query($n: Int) { stories(first: $n) { totalCount } }`,
      `{ concepts(after: "garbage") { totalCount } }`,
      `{ concept(slug: "dropout") { ${'related { '.repeat(20)}slug${' }'.repeat(20)} } }`,
      // Cheap, but over the alias limit (30): refused before it would be charged its one point.
      `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
    ]) {
      const before = await remaining();
      const res = await gql(app.url, query, { n: 101 });
      expect([query, res.status]).toEqual([query, 400]);
      expect([query, before - (await remaining())]).toEqual([query, 1]);
    }
    const intro = await gql(app.url, getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(intro.errors).toBeUndefined();
    expect(Number(intro.headers.get('x-ratelimit-cost'))).toBeLessThanOrEqual(10);
  });
});

describe(`a rolling rate-limit window on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  const windowSeconds = 4;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { RATE_LIMIT_ANONYMOUS: '10', RATE_LIMIT_WINDOW_SECONDS: String(windowSeconds) });
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('gives points back gradually, and Retry-After is when the query fits again', async () => {
    const windowMs = windowSeconds * 1000;
    // Start just after a window boundary (windows are aligned to multiples of their length).
    await sleep(windowMs - (Date.now() % windowMs) + 100);
    let res;
    let spent = 0;
    do {
      res = await gql(app.url, '{ __typename }');
      if (res.status === 200) spent++;
    } while (res.status === 200 && spent < 20);
    const refusedAt = Date.now();
    expect([spent, res.status, res.errors?.[0]?.extensions?.code]).toEqual([10, 429, 'RATE_LIMITED']);
    const retryAfter = Number(res.headers.get('retry-after'));
    // Not the end of the window: a tenth of the points spent must fade out of the rolling window first.
    const boundary = Math.ceil(refusedAt / windowMs) * windowMs;
    expect(refusedAt + retryAfter * 1000).toBeGreaterThan(boundary);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds + 1);
    // Just past the boundary, the points spent are still (nearly all) counted: no reset on the clock.
    await sleep(boundary - Date.now() + 50);
    expect((await gql(app.url, '{ __typename }')).status).toBe(429);
    await sleep(refusedAt + retryAfter * 1000 + 100 - Date.now());
    const again = await gql(app.url, '{ __typename }');
    expect([again.status, again.errors]).toEqual([200, undefined]);
  });
});
