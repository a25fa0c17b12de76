import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { defaultSeedsDir, readSeedLibrary, type SeedLibrary } from '../../src/content/seeds/read-seeds.js';
import { seedDatabase } from '../../src/content/seeds/seed-database.js';
import { queryRows } from '../../src/db/client.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const fields = 'slug quiz { question choices answerIndex explanation } diagram { url alt }';

/** The database's own message for a refused statement (drizzle wraps it as the cause). */
async function refusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    return String((error as { cause?: Error }).cause?.message ?? error);
  }
  return 'accepted';
}

describe(`Concept.quiz and Concept.diagram on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let library: SeedLibrary;
  /** A published card with both a quiz and a diagram, and one without a diagram. */
  let both: string;
  let undrawn: string;
  beforeAll(async () => {
    library = await readSeedLibrary(defaultSeedsDir);
    const drawn = new Set(library.diagrams!.map((d) => d.slug));
    both = library.concepts.find((c) => c.status === 'published' && c.quiz.length > 1 && drawn.has(c.slug))!.slug;
    undrawn = library.concepts.find((c) => c.status === 'published' && !drawn.has(c.slug))!.slug;
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { RATE_LIMIT_ANONYMOUS: '0', PUBLIC_URL: 'https://mlbrief.example' });
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  it('gives the seeded questions in order and the diagram under the public origin', async () => {
    const card = library.concepts.find((c) => c.slug === both)!;
    const diagram = library.diagrams!.find((d) => d.slug === both)!;
    const res = await gql(app.url, `query($slug: String!) { concept(slug: $slug) { ${fields} } }`, { slug: both });
    expect(res.errors).toBeUndefined();
    expect(res.data!.concept).toEqual({
      slug: both,
      quiz: card.quiz,
      diagram: { url: `https://mlbrief.example/concepts/${both}/diagram.svg`, alt: diagram.alt },
    });
    const none = await gql(app.url, `query($slug: String!) { concept(slug: $slug) { ${fields} } }`, { slug: undrawn });
    expect(none.data!.concept).toEqual({ slug: undrawn, quiz: library.concepts.find((c) => c.slug === undrawn)!.quiz, diagram: null });
  });

  it('gives the same through a page of cards (the one-statement path) as through the loaders', async () => {
    let after: string | null = null;
    const seen = new Map<string, unknown>();
    do {
      const res: { data?: any; errors?: unknown } = await gql(
        app.url,
        `query($after: String) { concepts(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${fields} tags { slug } } } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      for (const { node } of res.data!.concepts.edges) seen.set(node.slug, { slug: node.slug, quiz: node.quiz, diagram: node.diagram });
      after = res.data!.concepts.pageInfo.hasNextPage ? res.data!.concepts.pageInfo.endCursor : null;
    } while (after);
    const published = library.concepts.filter((c) => c.status === 'published');
    expect(seen.size).toBe(published.length);
    const alts = new Map(library.diagrams!.map((d) => [d.slug, d.alt]));
    for (const c of published) {
      const alt = alts.get(c.slug);
      expect(seen.get(c.slug), c.slug).toEqual({
        slug: c.slug,
        quiz: c.quiz,
        diagram: alt ? { url: `https://mlbrief.example/concepts/${c.slug}/diagram.svg`, alt } : null,
      });
    }
  });

  it('never sends the SVG with a card', async () => {
    const res = await fetch(`${app.url}/concepts/${both}`, { headers: { accept: 'application/json' } });
    const body = await res.text();
    expect(body).not.toContain('<svg');
    expect(JSON.parse(body).quiz).toHaveLength(library.concepts.find((c) => c.slug === both)!.quiz.length);
  });
});

describe(`storing quiz and diagrams on ${backend}`, () => {
  let database: TestDatabase;
  let library: SeedLibrary;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    library = await readSeedLibrary(defaultSeedsDir);
    await seedDatabase(database.db, library);
  });
  afterAll(() => database.dispose());

  it('stores every quiz and every diagram as seeds/ has them', async () => {
    const rows = await queryRows<{ slug: string; quiz: unknown; diagram_svg: string | null; diagram_alt: string | null }>(
      database.db,
      sql`select slug, quiz, diagram_svg, diagram_alt from concepts`,
    );
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    const diagrams = new Map(library.diagrams!.map((d) => [d.slug, d]));
    for (const c of library.concepts) {
      const row = bySlug.get(c.slug)!;
      expect(typeof row.quiz === 'string' ? JSON.parse(row.quiz) : row.quiz, c.slug).toEqual(c.quiz);
      expect(row.diagram_svg, c.slug).toBe(diagrams.get(c.slug)?.svg ?? null);
      expect(row.diagram_alt, c.slug).toBe(diagrams.get(c.slug)?.alt ?? null);
    }
  });

  it('rewrites a card whose diagram changed, and only that card', async () => {
    const [first] = library.diagrams!;
    const edited = { ...library, diagrams: library.diagrams!.map((d) => (d === first ? { ...d, alt: `${d.alt} Edited.` } : d)) };
    expect((await seedDatabase(database.db, edited)).changed).toBe(1);
    const [row] = await queryRows<{ diagram_alt: string }>(database.db, sql`select diagram_alt from concepts where slug = ${first!.slug}`);
    expect(row!.diagram_alt).toBe(`${first!.alt} Edited.`);
    expect((await seedDatabase(database.db, library)).changed).toBe(1);
    expect((await seedDatabase(database.db, library)).changed).toBe(0);
  });

  it.each([
    ['an answer index past the choices', `[{"question":"q","choices":["a","b","c"],"answerIndex":3,"explanation":"e"}]`],
    ['a negative answer index', `[{"question":"q","choices":["a","b","c"],"answerIndex":-1,"explanation":"e"}]`],
    ['a fractional answer index', `[{"question":"q","choices":["a","b","c"],"answerIndex":0.5,"explanation":"e"}]`],
    ['no answer index', `[{"question":"q","choices":["a","b","c"],"explanation":"e"}]`],
    ['choices that are not a list', `[{"question":"q","choices":"abc","answerIndex":0,"explanation":"e"}]`],
    ['a question without its explanation', `[{"question":"q","choices":["a","b"],"answerIndex":0}]`],
    ['four questions', JSON.stringify(Array(4).fill({ question: 'q', choices: ['a', 'b'], answerIndex: 1, explanation: 'e' }))],
    ['a quiz that is not a list', `{"question":"q"}`],
  ])('refuses %s in the database itself', async (_, quiz) => {
    expect(await refusal(database.db.execute(sql`update concepts set quiz = ${quiz}::jsonb where slug = 'dropout'`))).toMatch(/concepts_quiz_answerable/);
  });

  it('accepts a well-formed quiz, and refuses a diagram without alt text', async () => {
    const quiz = '[{"question":"q","choices":["a","b","c"],"answerIndex":2,"explanation":"e"}]';
    expect(await refusal(database.db.execute(sql`update concepts set quiz = ${quiz}::jsonb where slug = 'dropout'`))).toBe('accepted');
    expect(await refusal(database.db.execute(sql`update concepts set diagram_svg = '<svg/>', diagram_alt = null where slug = 'dropout'`))).toMatch(
      /concepts_diagram_described/,
    );
  });
});
