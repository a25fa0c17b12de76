import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './client.js';

const runningInProcess = new Set<number>();

/**
 * Runs `job` unless another runner holds `key`; returns undefined when it was skipped.
 * On PostgreSQL the lock is a transaction-level advisory lock held by a transaction that stays
 * open for the job (the job itself uses other pooled connections), so it ends with the
 * transaction even if the process dies. PGlite is one process: an in-process guard suffices.
 */
export async function runAlone<T>(database: Database, key: number, job: () => Promise<T>): Promise<T | undefined> {
  if (runningInProcess.has(key)) return undefined;
  runningInProcess.add(key);
  try {
    if (database.kind === 'pglite') return await job();
    let result: T | undefined;
    await database.db.transaction(async (tx) => {
      const [row] = await queryRows<{ locked: boolean }>(
        tx as unknown as Database['db'],
        sql`select pg_try_advisory_xact_lock(${key}) as locked`,
      );
      if (row?.locked) result = await job();
    });
    return result;
  } finally {
    runningInProcess.delete(key);
  }
}
