import { randomBytes } from 'node:crypto';
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.js';
import { mailTokens, subscribers } from '../../db/schema/index.js';
import { AppError, badInput } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { addressHash, emailAddress } from '../address.js';
import type { BackgroundJobs } from '../background.js';
import { composeMessage } from '../compose.js';
import type { Mailer } from '../mailer.js';
import { issueToken } from '../tokens.js';
import { confirmationMessage, confirmationTtlHours } from './confirmation-message.js';
import { countRequest } from './limits.js';

export interface SubscribeLimits {
  /** Subscribe requests per client address (or API key) per window. */
  perClient: number;
  clientWindowMs: number;
  /** Confirmation e-mails per address per window: nobody can flood an inbox through us. */
  perAddress: number;
  addressWindowMs: number;
}

export const defaultSubscribeLimits: SubscribeLimits = {
  perClient: 10,
  clientWindowMs: 60 * 60_000,
  perAddress: 3,
  addressWindowMs: 24 * 60 * 60_000,
};

export interface SubscriptionDeps {
  database: Database;
  mailer: Mailer;
  logger: Logger;
  jobs: BackgroundJobs;
  limits?: SubscribeLimits;
  now?: () => Date;
}

/** What every well-formed request is told, whatever we know about the address. */
export const subscribeAnswer =
  'Thanks! If this address can receive mail, a confirmation link is on its way: follow it within 48 hours to start receiving mlbrief daily.';

export class SubscribeRefused extends AppError {
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super('RATE_LIMITED', message);
  }
}

/**
 * A subscribe request: the address is checked and the client's request counted now; everything that
 * depends on the address's state (new, pending, confirmed, unsubscribed) happens after the answer,
 * in the background, so neither the answer nor its timing says what that state is.
 */
export async function requestSubscription(deps: SubscriptionDeps, rawEmail: unknown, clientBucket: string): Promise<void> {
  const parsed = emailAddress.safeParse(rawEmail);
  if (!parsed.success) throw badInput(`email: ${parsed.error.issues[0]?.message ?? 'not an e-mail address'}`);
  const limits = deps.limits ?? defaultSubscribeLimits;
  const now = (deps.now ?? (() => new Date()))();
  const state = await countRequest(deps.database.db, `client:${clientBucket}`, limits.perClient, limits.clientWindowMs, now);
  if (!state.allowed) {
    throw new SubscribeRefused(`too many subscribe requests from this client: try again in ${state.retryAfter} s`, state.retryAfter);
  }
  const email = parsed.data;
  if (!deps.jobs.offer(() => processSubscription(deps, email))) {
    throw new SubscribeRefused('too many subscribe requests at the moment: try again in a minute', 60);
  }
}

/**
 * The background half: a new address becomes a pending subscriber; a confirmation link is mailed
 * unless the address is already confirmed or has had its share of links recently.
 */
export async function processSubscription(deps: SubscriptionDeps, email: string): Promise<void> {
  const limits = deps.limits ?? defaultSubscribeLimits;
  const now = (deps.now ?? (() => new Date()))();
  const token = await deps.database.db.transaction(async (tx) => issueConfirmation(tx as unknown as Db, email, now, limits));
  const log = { subscriber: addressHash(email) };
  if (!token) {
    deps.logger.info(log, 'subscribe request: no confirmation sent (already confirmed, or links sent recently)');
    return;
  }
  const { mailer } = deps;
  const content = confirmationMessage(mailer.origin, token);
  const messageId = `confirm.${randomBytes(12).toString('hex')}@${mailer.messageIdDomain}`;
  const raw = await composeMessage({ ...content, from: mailer.fromHeader, to: email, messageId: `<${messageId}>`, date: now });
  await mailer.transport.send({ from: mailer.fromAddress, to: email, messageId, raw });
  deps.logger.info(log, 'confirmation e-mail sent');
}

async function issueConfirmation(tx: Db, email: string, now: Date, limits: SubscribeLimits): Promise<string | undefined> {
  await tx.insert(subscribers).values({ email, createdAt: now }).onConflictDoNothing({ target: subscribers.email });
  // Locked, so two requests for one address at once count each other's links.
  const [row] = await tx.select().from(subscribers).where(eq(subscribers.email, email)).for('update');
  if (!row || row.status === 'confirmed') return undefined;
  const since = new Date(now.getTime() - limits.addressWindowMs);
  const [recent] = await tx
    .select({ n: count() })
    .from(mailTokens)
    .where(and(eq(mailTokens.subscriberId, row.id), eq(mailTokens.purpose, 'confirm'), gt(mailTokens.createdAt, since)));
  if (Number(recent?.n ?? 0) >= limits.perAddress) return undefined;
  const { token, hash } = issueToken();
  const expiresAt = new Date(now.getTime() + confirmationTtlHours * 3600_000);
  await tx.insert(mailTokens).values({ hash, subscriberId: row.id, purpose: 'confirm', createdAt: now, expiresAt });
  return token;
}

/**
 * Housekeeping: request counts of past windows, confirmation links long expired, and addresses that
 * were never confirmed once their last link has expired (nobody proved they own them).
 */
export async function pruneSubscriptions(db: Db, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000).toISOString();
  await db.execute(sql`delete from subscribe_limits where window_start < ${dayAgo}::timestamptz`);
  await db.execute(sql`delete from mail_tokens where purpose = 'confirm' and expires_at < ${dayAgo}::timestamptz`);
  await db.execute(
    sql`delete from subscribers s where s.status = 'pending' and s.created_at < ${dayAgo}::timestamptz
        and not exists (select 1 from mail_tokens t where t.subscriber_id = s.id and t.purpose = 'confirm')`,
  );
}
