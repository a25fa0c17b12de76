import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { gql, startTestApp } from '../support/app.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

/** DataLoader batching: the SQL a query costs must not grow with the page size. */
describe(`SQL statements per query on ${backend}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    app = await startTestApp(database, { RATE_LIMIT_ANONYMOUS: '0' }); // count the query's SQL alone
  });
  afterAll(async () => {
    await app.stop();
    await database.dispose();
  });

  async function statementsFor(query: string): Promise<number> {
    const before = database.stats.statements;
    const res = await gql(app.url, query);
    expect(res.errors).toBeUndefined();
    return database.stats.statements - before;
  }

  const cardQuery = (first: number) =>
    `{ concepts(first: ${first}) { edges { node { slug tags { slug } explanations { kind body } related { slug } } } } }`;

  it('costs the same few statements for 100 concepts as for 5', async () => {
    const five = await statementsFor(cardQuery(5));
    const hundred = await statementsFor(cardQuery(100));
    expect(five).toBeLessThanOrEqual(4);
    expect(hundred).toBe(five);
    // A page of cards with its relations is one statement (concept-cards.queries.ts).
    expect(hundred).toBe(1);
  });

  it('batches relations of relations and tag pages too', async () => {
    const small = await statementsFor(`{ tags { concepts(first: 2) { edges { node { related { slug } } } } } }`);
    const large = await statementsFor(`{ tags { concepts(first: 40) { edges { node { related { slug } } } } } }`);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(4);
  });
});
