import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../src/db/client.js';
import { migrate, pendingMigrations } from '../../src/db/migrate.js';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from '../../src/db/migrate.js';
import { adminUrl, databaseUrl } from '../support/postgres-names.js';
import { backend } from '../support/database.js';

const expectedTables = ['concept_relations', 'concept_tags', 'concepts', 'explanations', 'tags'];

async function tablesOf(db: Parameters<typeof migrate>[0]) {
  const rows = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe(`migrations on an empty ${backend} database`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** An empty database that has never seen a migration (not the suite's migrated template). */
  async function emptyDatabase() {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) {
      const database = await openDatabase({ dataDir: 'memory://' });
      cleanups.push(() => database.close());
      return { open: async (_maxConnections?: number) => database, shared: true };
    }
    const name = `mlbrief_test_empty_${process.pid}_${cleanups.length}`;
    const admin = await openDatabase({ url: adminUrl(serverUrl), dataDir: '', maxConnections: 1, statementTimeoutMs: 0 });
    await admin.db.execute(sql.raw(`drop database if exists "${name}"`));
    await admin.db.execute(sql.raw(`create database "${name}"`));
    const opened: { close(): Promise<void> }[] = [];
    cleanups.push(async () => {
      for (const d of opened) await d.close();
      await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
      await admin.close();
    });
    return {
      open: async (maxConnections?: number) => {
        const d = await openDatabase({ url: databaseUrl(serverUrl, name), dataDir: '', ...(maxConnections ? { maxConnections } : {}) });
        opened.push(d);
        return d;
      },
      shared: false,
    };
  }

  it('is not cut short by the statement timeout connections keep (a migration may rewrite a big table)', async () => {
    if (backend !== 'postgres') return; // PGlite has no statement timeout
    const database = await (await emptyDatabase()).open(1);
    // The one connection's timeout, far below what creating the whole schema takes (hundreds of statements).
    await database.db.execute(sql`set statement_timeout = '1ms'`);
    expect((await migrate(database.db)).applied).toHaveLength(readMigrationFiles({ migrationsFolder }).length);
    const [after] = await queryRows<{ statement_timeout: string }>(database.db, sql`show statement_timeout`);
    expect(after!.statement_timeout).toBe('1ms'); // set local: the session keeps its own
  });

  it('applies every migration, and a second run applies none', async () => {
    const empty = await emptyDatabase();
    const database = await empty.open();
    expect(await pendingMigrations(database.db)).toHaveLength(readMigrationFiles({ migrationsFolder }).length);
    const first = await migrate(database.db);
    expect(first.applied).toHaveLength(readMigrationFiles({ migrationsFolder }).length);
    expect(await tablesOf(database.db)).toEqual(expect.arrayContaining(expectedTables));
    expect(await pendingMigrations(database.db)).toEqual([]);
    expect((await migrate(database.db)).applied).toEqual([]);
  });

  it('lets two migrators start at once: both succeed, the work is done once', async () => {
    const empty = await emptyDatabase();
    // On the server each migrator has its own connection pool, like two processes.
    const [a, b] = [await empty.open(), empty.shared ? undefined : await empty.open()];
    const results = await Promise.all([migrate(a.db), migrate((b ?? a).db)]);
    const appliedCounts = results.map((r) => r.applied.length).sort();
    expect(appliedCounts).toEqual([0, readMigrationFiles({ migrationsFolder }).length]);
    const journal = await queryRows<{ n: number }>(a.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(journal[0]?.n).toBe(readMigrationFiles({ migrationsFolder }).length);
  });
});
