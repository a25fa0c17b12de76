import { sql, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../../src/db/client.js';
import { searchStatement } from '../../src/content/concepts.queries.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

// Whether the planner *prefers* the GIN index depends on data and statistics (the growth bench
// shows that); this checks that the statement `search` runs *can* use it. With sequential scans
// penalised and the only other index on concepts dropped (rolled back), a plan without it means
// the predicate no longer matches the index, say a to_tsvector(...) computed at query time.
describe(`the ranked search statement on ${backend}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('can be answered from concepts_search_idx', async () => {
    let plan = '';
    await database.db
      .transaction(async (tx) => {
        const db = tx as unknown as Db;
        await db.execute(sql`set local enable_seqscan = off`);
        await db.execute(sql`drop index concepts_status_slug_idx`);
        const rows = await queryRows<Record<string, string>>(db, sql`explain (costs off) ${searchStatement(db, 'gradient memory', 10)}`);
        plan = rows.map((r) => Object.values(r)[0]).join('\n');
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    expect(plan).toMatch(/Bitmap Index Scan on concepts_search_idx\s+Index Cond: \(search @@/);
    const [kept] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pg_indexes where indexname = 'concepts_status_slug_idx'`);
    expect(kept?.n).toBe(1);
  });
});
