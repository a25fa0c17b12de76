import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const card = `query($slug: String!) { concept(slug: $slug) {
  id slug name title summary difficulty formula { unicode latex } example image { url alt credit license sourceUrl }
  tags { id slug name description } explanations { id kind body } related { id slug name title summary difficulty }
  prerequisites { id slug name title summary difficulty } aliases references { title authors year url }
  quiz { question choices answerIndex explanation } diagram { url alt } updatedAt } }`;

describe(`the plain HTTP routes on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { RATE_LIMIT_ANONYMOUS: '300', RATE_LIMIT_WINDOW_SECONDS: '31536000' });
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  it('serves /concepts/SLUG as the GraphQL Concept: global ids, GraphQL enums, tags, explanations, related', async () => {
    for (const slug of ['dropout', 'residual-connections']) {
      const res = await fetch(`${app.url}/concepts/${slug}`);
      expect(res.status).toBe(200);
      const json = (await res.json()) as any;
      const viaGraphql = await gql(app.url, card, { slug });
      expect(viaGraphql.errors).toBeUndefined();
      expect(json).toEqual(viaGraphql.data!.concept);
      expect(json.difficulty).toMatch(/^(BEGINNER|INTERMEDIATE|ADVANCED)$/);
      expect(json.tags.length).toBeGreaterThan(0);
      expect(json.explanations[0].kind).toMatch(/^[A-Z]+$/);
      expect(json.quiz.length).toBeGreaterThan(0);
      expect(json.diagram.url).toBe(`${app.url}/concepts/${slug}/diagram.svg`);
      const node = await gql(app.url, `query($id: ID!) { node(id: $id) { ... on Concept { slug } } }`, { id: json.id });
      expect(node.data!.node).toEqual({ slug });
    }
  });

  it('dates empty feeds when they were rendered, not 1970', async () => {
    const before = Date.now() - 1000;
    for (const kind of ['rss', 'atom', 'json']) {
      const res = await fetch(`${app.url}/feed/daily.${kind}`);
      expect(res.status).toBe(200);
      expect([kind, Date.parse(res.headers.get('last-modified')!)]).toEqual([kind, expect.any(Number)]);
      expect(Date.parse(res.headers.get('last-modified')!)).toBeGreaterThan(before - 1000);
      const body = await res.text();
      expect(body).not.toContain('1970');
      if (kind === 'atom') expect(Date.parse(/<updated>([^<]+)<\/updated>/.exec(body)![1]!)).toBeGreaterThan(before);
    }
  });

  it('charges the same budget as /graphql, with the same headers, 429 and 401', async () => {
    const remaining = (res: Response) => Number(res.headers.get('x-ratelimit-remaining'));
    // When the window's points are all back, in epoch seconds: the same for both paths, and it
    // only moves on (a window may roll over between two requests).
    const resets: number[] = [];
    const reset = (res: { headers: Headers }) => resets.push(Number(res.headers.get('x-ratelimit-reset')));
    let last = await gql(app.url, '{ __typename }');
    reset(last);
    let left = Number(last.headers.get('x-ratelimit-remaining'));
    for (const path of ['/daily', '/concepts/dropout', '/feed/daily.rss', '/daily', '/concepts/dropout']) {
      const res = await fetch(`${app.url}${path}`);
      expect([path, res.status, res.headers.get('x-ratelimit-limit'), res.headers.get('x-ratelimit-cost'), remaining(res)]).toEqual([path, 200, '300', '1', left - 1]);
      reset(res);
      left -= 1;
      await res.arrayBuffer();
    }
    last = await gql(app.url, '{ __typename }');
    reset(last);
    expect(Number(last.headers.get('x-ratelimit-remaining'))).toBe(left - 1);
    expect(resets.every((r, i) => Number.isInteger(r) && r > Date.now() / 1000 - 1 && (i === 0 || r >= resets[i - 1]!)), String(resets)).toBe(true);
    let res: Response;
    do res = await fetch(`${app.url}/daily`);
    while (res.status === 200);
    expect([res.status, res.headers.get('x-ratelimit-remaining'), Number(res.headers.get('retry-after')) > 0]).toEqual([429, '0', true]);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    const unknown = await fetch(`${app.url}/daily`, { headers: { authorization: 'Bearer mlb_nobody' } });
    expect([unknown.status, ((await unknown.json()) as any).errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
