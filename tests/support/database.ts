import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { adminUrl, databaseUrl } from './postgres-names.js';

/** Which database the suite runs on: PGlite, or the server in TEST_DATABASE_URL. */
export const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export interface TestDatabase extends Database {
  /** A connection string for other processes (CLI tests); PostgreSQL only. */
  url?: string;
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database of the suite's backend: empty, or with `seeded` already holding the
 * library from seeds/ exactly as `serve` seeds an empty database (copied from a template).
 */
export async function createTestDatabase(options: { seeded?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const template = new Blob([await readFile(inject(options.seeded ? 'pgliteSeededTemplate' : 'pgliteTemplate'))]);
    const database = await openDatabase({ dataDir: 'memory://', template });
    return { ...database, dispose: () => database.close() };
  }
  const name = `mlbrief_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ url: adminUrl(serverUrl), dataDir: '', maxConnections: 1, statementTimeoutMs: 0 });
  await admin.db.execute(sql.raw(`create database "${name}" template "${inject(options.seeded ? 'postgresSeededTemplate' : 'postgresTemplate')}"`));
  const url = databaseUrl(serverUrl, name);
  const database = await openDatabase({ url, dataDir: '' });
  return {
    ...database,
    url,
    dispose: async () => {
      await database.close();
      await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
      await admin.close();
    },
  };
}
