import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { readSeedLibrary } from './read-seeds.js';
import { seedDatabase, type SeedResult } from './seed-database.js';

/** A fresh database serves real content: load seeds/ when no concept exists yet. */
export async function seedIfEmpty(db: Db, seedsDir: string): Promise<SeedResult | undefined> {
  const [row] = await queryRows<{ any: boolean }>(db, sql`select exists (select 1 from concepts) as any`);
  if (row?.any) return undefined;
  return seedDatabase(db, await readSeedLibrary(seedsDir));
}
