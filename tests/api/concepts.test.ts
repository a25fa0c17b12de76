import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { sourceCardSlugs } from '../../src/content/seeds/library-problems.js';
import { startTestApp, gql } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

describe(`the concept API over HTTP on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database); // seeds the empty database, like `npm start`
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  it('serves a concept card with everything on it', async () => {
    const { data, errors } = await gql(
      app.url,
      `{ concept(slug: "residual-connections") {
          id slug name title summary difficulty example
          formula { unicode latex }
          image { url alt credit license sourceUrl }
          tags { slug name }
          explanations { id kind body }
          related { slug }
          references { title year }
        } }`,
    );
    expect(errors).toBeUndefined();
    const c = data!.concept;
    expect(c.title).toBe('Residual connections help by allowing gradient flow through the skip connection');
    expect(c.image.credit).toBe('Moumouza at English Wikipedia, Public domain, via Wikimedia Commons');
    expect(c.formula.unicode).toContain('F(x) + x');
    expect(c.tags.length).toBeGreaterThan(0);
    expect(new Set(c.explanations.map((e: { kind: string }) => e.kind)).size).toBeGreaterThanOrEqual(2);
    expect(c.related.length).toBeGreaterThan(0);
    expect(c.references[0].year).toBeGreaterThan(2000);
  });

  it('pages through every concept with cursors, each once, matching totalCount', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const res: any = await gql(
        app.url,
        `query($after: String) { concepts(first: 40, after: $after) {
            totalCount edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const conn = res.data.concepts;
      total = conn.totalCount;
      seen.push(...conn.edges.map((e: any) => e.node.slug));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining([...sourceCardSlugs]));
  });

  it('filters by tag, difficulty and text, and the filters combine', async () => {
    const byTag = await gql(app.url, `{ concepts(first: 100, tag: "regularization") { totalCount edges { node { slug tags { slug } } } } }`);
    const nodes = byTag.data!.concepts.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.slug)).toEqual(expect.arrayContaining(['dropout', 'elastic-net']));
    for (const n of nodes) expect(n.tags.map((t: any) => t.slug)).toContain('regularization');

    const hard = await gql(app.url, `{ concepts(first: 100, difficulty: ADVANCED) { edges { node { difficulty } } } }`);
    for (const e of hard.data!.concepts.edges) expect(e.node.difficulty).toBe('ADVANCED');

    const text = await gql(app.url, `{ concepts(first: 10, query: "skip connection", tag: "architectures") { edges { node { slug } } } }`);
    expect(text.data!.concepts.edges.map((e: any) => e.node.slug)).toContain('residual-connections');
  });

  it('ranks full-text search results, in web-search syntax', async () => {
    const { data } = await gql(app.url, `{ search(query: "gradient checkpointing memory", first: 5) { score concept { slug } } }`);
    expect(data!.search[0].concept.slug).toBe('gradient-checkpointing');
    const scores = data!.search.map((r: any) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const excluded = await gql(app.url, `{ search(query: "dropout -ensemble", first: 10) { concept { slug } } }`);
    expect(excluded.errors).toBeUndefined();
  });

  it('serves tags with their concepts, paged', async () => {
    const { data } = await gql(
      app.url,
      `{ tags { slug description concepts(first: 2) { totalCount edges { node { slug } } pageInfo { hasNextPage } } } }`,
    );
    expect(data!.tags.length).toBeGreaterThanOrEqual(12);
    for (const tag of data!.tags) {
      expect(tag.concepts.totalCount).toBeGreaterThanOrEqual(2);
      expect(tag.concepts.edges).toHaveLength(2);
      expect(tag.concepts.pageInfo.hasNextPage).toBe(tag.concepts.totalCount > 2);
    }
    const one = await gql(app.url, `{ tag(slug: "optimization") { name concepts(first: 100) { edges { node { slug } } } } }`);
    expect(one.data!.tag.concepts.edges.map((e: any) => e.node.slug)).toContain('sgd-momentum');
  });

  it('resolves opaque global ids with node(id), for every node type', async () => {
    const { data } = await gql(app.url, `{ concept(slug: "dropout") { id tags { id slug } explanations { id body } } }`);
    const c = data!.concept;
    const ids = [c.id, c.tags[0].id, c.explanations[0].id];
    const res = await gql(
      app.url,
      `query($a: ID!, $b: ID!, $c: ID!) {
        a: node(id: $a) { __typename ... on Concept { slug } }
        b: node(id: $b) { __typename ... on Tag { slug } }
        c: node(id: $c) { __typename ... on Explanation { body } } }`,
      { a: ids[0], b: ids[1], c: ids[2] },
    );
    expect(res.data).toEqual({
      a: { __typename: 'Concept', slug: 'dropout' },
      b: { __typename: 'Tag', slug: c.tags[0].slug },
      c: { __typename: 'Explanation', body: c.explanations[0].body },
    });
    expect(c.id).not.toMatch(/Concept|dropout/);
  });

  it('answers unknown slugs with null, not an error', async () => {
    const { data, errors } = await gql(app.url, `{ concept(slug: "no-such-thing") { slug } tag(slug: "nope") { slug } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ concept: null, tag: null });
  });

  it.each([0, -1, 101, 1000])('refuses first: %i with BAD_USER_INPUT', async (first) => {
    const res = await gql(app.url, `query($first: Int) { concepts(first: $first) { totalCount } }`, { first });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/first must be between 1 and 100/);
  });

  it.each([
    ['a forged cursor', `{ concepts(after: "bm90LWEtY3Vyc29y") { totalCount } }`],
    ['a forged id', `{ node(id: "Zm9vOmJhcg") { id } }`],
    ['an empty search', `{ search(query: "   ") { score } }`],
  ])('refuses %s with BAD_USER_INPUT', async (_label, query) => {
    const res = await gql(app.url, query);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
