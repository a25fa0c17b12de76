import { and, asc, count, desc, eq, gt, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { subscribers, type SubscriberStatus } from '../../db/schema/index.js';
import { toPage, type Page } from '../../content/pagination.js';

export type SubscriberRow = typeof subscribers.$inferSelect;

export type AddResult = 'added' | 'confirmed' | 'already' | 'unsubscribed';

/**
 * An import: the address is confirmed at once (the operator vouches for it). Someone who
 * unsubscribed is not added back: that was their choice, and only they can undo it (by subscribing).
 */
export async function addConfirmed(db: Db, email: string, now: Date): Promise<AddResult> {
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(subscribers)
      .values({ email, status: 'confirmed', confirmedAt: now, createdAt: now })
      .onConflictDoNothing({ target: subscribers.email })
      .returning({ id: subscribers.id });
    if (inserted) return 'added';
    const [row] = await tx.select().from(subscribers).where(eq(subscribers.email, email)).for('update');
    if (!row || row.status === 'confirmed') return 'already';
    if (row.status === 'unsubscribed') return 'unsubscribed';
    await tx.update(subscribers).set({ status: 'confirmed', confirmedAt: now, bounceCount: 0 }).where(eq(subscribers.id, row.id));
    return 'confirmed';
  });
}

/** Deletes the subscriber with everything about them (tokens, deliveries): erasure, not unsubscribing. */
export async function removeSubscriber(db: Db, email: string): Promise<boolean> {
  const rows = await db.delete(subscribers).where(eq(subscribers.email, email)).returning({ id: subscribers.id });
  return rows.length > 0;
}

/** A page in id order after `afterId`, optionally of one status: lists and exports stream through these. */
/** Subscribers oldest first: `afterId`, or a window of ids in that order (`last`/`before` page backward). */
export async function subscriberPage(
  db: Db,
  options: { size: number; afterId?: number | undefined; beforeId?: number | undefined; backward?: boolean; status?: SubscriberStatus | undefined },
): Promise<Page<SubscriberRow>> {
  const window = { size: options.size, after: options.afterId, before: options.beforeId, backward: options.backward ?? false };
  const rows = await db
    .select()
    .from(subscribers)
    .where(
      and(
        ...filters(options.status),
        window.after === undefined ? undefined : gt(subscribers.id, window.after),
        window.before === undefined ? undefined : lt(subscribers.id, window.before),
      ),
    )
    .orderBy(window.backward ? desc(subscribers.id) : asc(subscribers.id))
    .limit(options.size + 1);
  return toPage(rows, window);
}

export async function countSubscribers(db: Db, status?: SubscriberStatus): Promise<number> {
  const [row] = await db.select({ n: count() }).from(subscribers).where(and(...filters(status)));
  return Number(row?.n ?? 0);
}

/** Every subscriber, a page at a time: memory stays flat however long the list. */
export async function* allSubscribers(db: Db, pageSize = 1000): AsyncGenerator<SubscriberRow> {
  let afterId: number | undefined;
  for (;;) {
    const page = await subscriberPage(db, { size: pageSize, afterId });
    yield* page.rows;
    if (!page.hasNextPage) return;
    afterId = page.rows.at(-1)!.id;
  }
}

function filters(status: SubscriberStatus | undefined): SQL[] {
  return status ? [eq(subscribers.status, status)] : [];
}
