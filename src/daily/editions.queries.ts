import { count, desc, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { editions } from '../db/schema/index.js';
import { toPage, type Page } from '../content/pagination.js';
import type { EditionRow } from './build.js';

/** Published editions, newest first; `before` is the date of the last one seen. */
export async function listEditions(db: Db, first: number, before?: string): Promise<Page<EditionRow>> {
  const rows = await db
    .select()
    .from(editions)
    .where(before ? lt(editions.date, before) : undefined)
    .orderBy(desc(editions.date))
    .limit(first + 1);
  return toPage(rows, first);
}

export async function countEditions(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(editions);
  return row?.n ?? 0;
}

export async function latestEdition(db: Db): Promise<EditionRow | undefined> {
  return (await listEditions(db, 1)).rows[0];
}

export async function editionsByIds(db: Db, ids: readonly number[]): Promise<EditionRow[]> {
  return db.select().from(editions).where(inArray(editions.id, [...ids]));
}
