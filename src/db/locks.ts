import { sql } from 'drizzle-orm';
import type { Db } from './client.js';

/**
 * Keys of the transaction-level advisory locks that make a job single-runner across processes.
 * Transaction-level, never session-level: a pooled connection would keep a session lock after
 * the job that took it has finished.
 */
export const lockKeys = {
  migrate: 7_412_001,
  seed: 7_412_002,
  ingest: 7_412_003,
  edition: 7_412_004,
} as const;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Waits for the lock; it is released when the transaction ends. */
export async function waitForLock(tx: Tx, key: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${key})`);
}
