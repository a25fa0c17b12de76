import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { conceptCards } from '../../src/content/concept-cards.queries.js';
import { listConcepts } from '../../src/content/concepts.queries.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * `concepts` fetches cards asked for with tags, explanations or related in one statement, with only
 * the columns the query reads. Every Concept field must come out exactly as the per-relation
 * loaders give it (`concept(slug:)` never takes the cards path).
 */
const scalars = `id slug name title summary difficulty formula { unicode latex } example
  image { url alt credit license sourceUrl } aliases references { title authors url year } updatedAt
  quiz { question choices answerIndex explanation } diagram { url alt }`;
const card = `${scalars}
  tags { id slug name description concepts(first: 2) { totalCount } }
  explanations { id kind body }
  intuition: explanations(kind: INTUITION) { body }
  related { ${scalars} tags { slug } related { slug } prerequisites { slug } stories { id } }
  prerequisites { slug }
  stories(first: 2) { id }`;

describe(`concept cards on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { RATE_LIMIT_ANONYMOUS: '0', GRAPHQL_MAX_COST: '1000000' });
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  it('answers every Concept field as the loaders do, through fragments and across pages', async () => {
    const pages: unknown[] = [];
    let after: string | null = null;
    do {
      const res: { data?: any; errors?: unknown } = await gql(
        app.url,
        `query($after: String) { concepts(first: 50, after: $after) { edges { node { ...Card } } pageInfo { hasNextPage endCursor } totalCount } }
         fragment Card on Concept { ${card} }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      pages.push(...res.data.concepts.edges.map((e: { node: unknown }) => e.node));
      after = res.data.concepts.pageInfo.hasNextPage ? res.data.concepts.pageInfo.endCursor : null;
    } while (after);
    expect(pages.length).toBeGreaterThanOrEqual(100);

    const slugs = pages.map((p) => (p as { slug: string }).slug);
    for (let i = 0; i < slugs.length; i += 10) {
      const chunk = slugs.slice(i, i + 10);
      const query = `{ ${chunk.map((slug, j) => `c${j}: concept(slug: ${JSON.stringify(slug)}) { ${card} }`).join(' ')} }`;
      const res = await gql(app.url, query);
      expect(res.errors).toBeUndefined();
      expect(chunk.map((_, j) => res.data![`c${j}`])).toEqual(pages.slice(i, i + 10));
    }
  });

  it('gives a tag page the same concepts, field for field, as concept(slug:) (rows built as JSON there too)', async () => {
    const res = await gql(app.url, `{ tags { slug concepts(first: 3) { edges { node { ${scalars} } } } } }`);
    expect(res.errors).toBeUndefined();
    const fromTags = (res.data!.tags as { concepts: { edges: { node: { slug: string } }[] } }[]).flatMap((t) => t.concepts.edges.map((e) => e.node));
    expect(fromTags.length).toBeGreaterThan(10);
    const sample = fromTags.slice(0, 10);
    const direct = await gql(app.url, `{ ${sample.map((c, j) => `c${j}: concept(slug: ${JSON.stringify(c.slug)}) { ${scalars} }`).join(' ')} }`);
    expect(direct.errors).toBeUndefined();
    expect(sample.map((_, j) => direct.data![`c${j}`])).toEqual(sample);
  });

  it('gives rows as drizzle does, timestamps as Dates (GraphQL prints an ISO string either way)', async () => {
    const { rows: cards } = await conceptCards(database.db, {}, { size: 5, backward: false }, { columns: ['name', 'updatedAt'], related: ['updatedAt'] });
    const { rows } = await listConcepts(database.db, {}, { size: 5, backward: false });
    expect(cards.map((c) => [c.concept.slug, c.concept.name, c.concept.updatedAt])).toEqual(rows.map((r) => [r.slug, r.name, r.updatedAt]));
    for (const card of cards) {
      expect(card.concept.updatedAt).toBeInstanceOf(Date);
      for (const related of card.related!) expect(related.updatedAt).toBeInstanceOf(Date);
    }
  });

  it('keeps partial rows out of the loaders another field of the same query reads', async () => {
    // The page's related concepts carry only slug; concept(slug:) in the same query asks the same
    // concepts' related for every field, through the loaders.
    const res = await gql(
      app.url,
      `{ concepts(first: 100) { edges { node { slug related { slug } } } }
         concept(slug: "dropout") { related { ${scalars} } } }`,
    );
    expect(res.errors).toBeUndefined();
    const related = res.data!.concept.related as { summary: string; example: string }[];
    expect(related.length).toBeGreaterThan(0);
    for (const r of related) expect(r.summary.length * r.example.length).toBeGreaterThan(0);
  });
});
