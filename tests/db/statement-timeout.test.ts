import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../src/db/client.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

// The app's connections cap every statement so no hostile query holds one for long; connections
// that create and drop databases (test and bench set-up) lift the cap, as DROP DATABASE may wait
// on a checkpoint longer than that on a busy server.
describe.runIf(backend === 'postgres')('statement timeout on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.dispose());

  const timeoutOf = async (statementTimeoutMs?: number) => {
    const connection = await openDatabase({ url: database.url, dataDir: '', maxConnections: 1, ...(statementTimeoutMs === undefined ? {} : { statementTimeoutMs }) });
    try {
      const [row] = await queryRows<{ statement_timeout: string }>(connection.db, sql`show statement_timeout`);
      return row!.statement_timeout;
    } finally {
      await connection.close();
    }
  };

  it('is 15 s on the app’s connections', async () => {
    expect(await timeoutOf()).toBe('15s');
  });

  it('is lifted where asked (0: none)', async () => {
    expect(await timeoutOf(0)).toBe('0');
  });
});
