import { and, eq, ne, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { subscribers } from '../../db/schema/index.js';
import { badInput } from '../../shared/errors.js';
import { hashToken, isTokenShaped } from '../tokens.js';

export const invalidUnsubscribe = () => badInput('this unsubscribe link is not valid: it is incomplete, or the subscription was deleted');

/** The subscriber an unsubscribe link belongs to, or an error for a link we never issued. */
async function subscriberOf(db: Db, token: unknown): Promise<number> {
  if (!isTokenShaped(token)) throw invalidUnsubscribe();
  const hash = hashToken(token);
  // A message's token is in its delivery row; a few (their sender died mid-send) in mail_tokens.
  const [row] = await queryRows<{ subscriberId: number }>(
    db,
    sql`select subscriber_id as "subscriberId" from deliveries where unsubscribe_hash = ${hash}
        union all
        select subscriber_id from mail_tokens where hash = ${hash} and purpose = 'unsubscribe'
        limit 1`,
  );
  if (!row) throw invalidUnsubscribe();
  return row.subscriberId;
}

/** Checks a link without acting on it (the page a GET shows before the reader confirms). */
export async function checkUnsubscribeToken(db: Db, token: unknown): Promise<void> {
  await subscriberOf(db, token);
}

/** Idempotent: a second request (a double click, a mail client retrying) changes nothing and succeeds. */
export async function unsubscribe(db: Db, token: unknown, now: Date): Promise<void> {
  const subscriberId = await subscriberOf(db, token);
  await db
    .update(subscribers)
    .set({ status: 'unsubscribed', unsubscribedAt: now })
    .where(and(eq(subscribers.id, subscriberId), ne(subscribers.status, 'unsubscribed')));
}
