import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';

/** The dates of the published editions just before and just after `date` (one statement). */
export async function editionNeighbours(db: Db, date: string): Promise<{ previous?: string; next?: string }> {
  const [row] = await queryRows<{ previous: string | null; next: string | null }>(
    db,
    sql`select (select max(date)::text from editions where date < ${date}::date) as previous,
               (select min(date)::text from editions where date > ${date}::date) as next`,
  );
  return { previous: row?.previous ?? undefined, next: row?.next ?? undefined };
}
