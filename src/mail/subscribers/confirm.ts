import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { mailTokens, subscribers } from '../../db/schema/index.js';
import { badInput } from '../../shared/errors.js';
import { hashToken, isTokenShaped } from '../tokens.js';

export const invalidConfirmation = () =>
  badInput('this confirmation link is not valid: it was used already, it expired (links last 48 hours) or it is incomplete; subscribe again to get a new one');

/**
 * Follows a confirmation link: the token is spent (single use) and must not have expired; the
 * subscriber is confirmed, and their other outstanding links are spent with it.
 */
export async function confirmSubscription(db: Db, token: unknown, now: Date): Promise<void> {
  if (!isTokenShaped(token)) throw invalidConfirmation();
  const confirmed = await db.transaction(async (tx) => {
    const [spent] = await tx
      .update(mailTokens)
      .set({ usedAt: now })
      .where(and(eq(mailTokens.hash, hashToken(token)), eq(mailTokens.purpose, 'confirm'), isNull(mailTokens.usedAt), gt(mailTokens.expiresAt, now)))
      .returning({ subscriberId: mailTokens.subscriberId });
    if (!spent) return false;
    await tx
      .update(subscribers)
      .set({ status: 'confirmed', confirmedAt: now, unsubscribedAt: null, bounceCount: 0 })
      .where(eq(subscribers.id, spent.subscriberId));
    await tx
      .update(mailTokens)
      .set({ usedAt: now })
      .where(and(eq(mailTokens.subscriberId, spent.subscriberId), eq(mailTokens.purpose, 'confirm'), isNull(mailTokens.usedAt)));
    return true;
  });
  if (!confirmed) throw invalidConfirmation();
}
