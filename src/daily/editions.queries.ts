import { and, asc, count, desc, gt, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { editions } from '../db/schema/index.js';
import { toPage, type Page, type Window } from '../content/pagination.js';
import type { EditionRow } from './build.js';

/** Editions newest first; `before` (a date) starts older than it. A window's `after` is older, its `before` newer. */
export async function listEditions(db: Db, size: number | Window, before?: string): Promise<Page<EditionRow>> {
  const window: Window = typeof size === 'number' ? { size, after: before, backward: false } : size;
  const rows = await db
    .select()
    .from(editions)
    .where(and(window.after ? lt(editions.date, window.after) : undefined, window.before ? gt(editions.date, window.before) : undefined))
    .orderBy(window.backward ? asc(editions.date) : desc(editions.date))
    .limit(window.size + 1);
  return toPage(rows, window);
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
