import { sql } from 'drizzle-orm';
import type { Db } from './client.js';

/**
 * Brings the planner's statistics and GIN pending lists up to date after a bulk write, which
 * nothing else may do: PGlite has no autovacuum, and a server may run with it off. Without it the
 * planner guessed 2 published concepts where there were 122 (a 25 ms nested loop for 400 related
 * concepts instead of ~1 ms), and search scanned every concept while the GIN index sat unmerged.
 */
export async function refreshStatistics(db: Db, tables: readonly string[]): Promise<void> {
  // VACUUM cannot run in a transaction block: one statement, outside any transaction.
  await db.execute(sql.raw(`vacuum (analyze) ${tables.map((t) => `"${t}"`).join(', ')}`));
}
