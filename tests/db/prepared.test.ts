import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryPreparedRows, queryRows, type Database } from '../../src/db/client.js';
import { queryCachedPlan } from '../../src/db/statement-cache.js';
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

  it('runs a generic plan when asked, and leaves the session planning as before', async () => {
    if (backend !== 'pglite') return; // the named PREPARE/EXECUTE path is PGlite's (postgres.js prepares on its own)
    const lookup = (n: number) => sql`select count(*)::int as n from generate_series(1, 10) g where g <= ${n}`;
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      expect(await queryCachedPlan<{ n: number }>(single.db, 'test_generic_lookup', lookup(n), { generic: true })).toEqual([{ n }]);
    }
    const [plans] = await queryRows<{ generic: number; custom: number }>(single.db, sql`select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements where name = 'test_generic_lookup'`);
    // Left to itself PostgreSQL plans the first five executions for their values.
    expect(plans).toEqual({ generic: 7, custom: 0 });
    const [mode] = await queryRows<{ plan_cache_mode: string }>(single.db, sql`show plan_cache_mode`);
    expect(mode!.plan_cache_mode).toBe('auto');
    // A failing execution (a wrong parameter count) leaves the session as it was too.
    await expect(queryCachedPlan(single.db, 'test_generic_lookup', sql`select ${1}, ${2}`, { generic: true })).rejects.toThrow();
    const [after] = await queryRows<{ plan_cache_mode: string }>(single.db, sql`show plan_cache_mode`);
    expect(after!.plan_cache_mode).toBe('auto');
  });
});
