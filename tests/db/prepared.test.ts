import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryPreparedRows, queryRows, type Database } from '../../src/db/client.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

describe(`hot statements kept prepared on ${backend}`, () => {
  let database: TestDatabase;
  /** One connection, so pg_prepared_statements shows everything this test prepared. */
  let single: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    single = database.url ? await openDatabase({ url: database.url, dataDir: '', maxConnections: 1 }) : database;
  });
  afterAll(async () => {
    if (single !== database) await single.close();
    await database.dispose();
  });

  const statement = (text: number, value: number) => sql`select ${value}::int + ${sql.raw(String(text))} - ${sql.raw(String(text))} as n`;

  it('answers like an unnamed statement, with new parameters each time', async () => {
    for (const value of [1, 2, 3]) {
      expect(await queryPreparedRows<{ n: number }>(single.db, statement(0, value))).toEqual([{ n: value }]);
    }
  });

  it('keeps a bounded number of statement texts prepared, however many texts it sees', async () => {
    for (let text = 1; text <= 100; text++) {
      expect(await queryPreparedRows<{ n: number }>(single.db, statement(text, text))).toEqual([{ n: text }]);
    }
    // A text seen before is reused, not prepared again.
    await queryPreparedRows(single.db, statement(1, 7));
    if (backend !== 'postgres') return; // PGlite keeps no prepared statements between calls
    // Only this test's statements (postgres.js prepares one of its own on connecting).
    const [row] = await queryRows<{ prepared: number }>(single.db, sql`select count(*)::int as prepared from pg_prepared_statements where statement like 'select $1::int + %'`);
    expect(row!.prepared).toBeGreaterThan(1);
    expect(row!.prepared).toBeLessThanOrEqual(64);
  });
});
