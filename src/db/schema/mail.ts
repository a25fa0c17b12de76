import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { editions } from './daily.js';

const instant = (name: string) => timestamp(name, { withTimezone: true });

export const subscriberStatuses = ['pending', 'confirmed', 'unsubscribed', 'bouncing'] as const;
export type SubscriberStatus = (typeof subscriberStatuses)[number];

/** Readers of the daily e-mail. An address is stored once, normalised (src/mail/address.ts). */
export const subscribers = pgTable(
  'subscribers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull().unique(),
    /** pending until the double opt-in link is followed; only confirmed addresses get the brief. */
    status: text('status', { enum: subscriberStatuses }).notNull().default('pending'),
    /** Permanent delivery failures in a row; the third marks the address bouncing. */
    bounceCount: integer('bounce_count').notNull().default(0),
    createdAt: instant('created_at').notNull().defaultNow(),
    confirmedAt: instant('confirmed_at'),
    unsubscribedAt: instant('unsubscribed_at'),
  },
  (t) => [
    check('subscribers_status', sql`${t.status} in ('pending', 'confirmed', 'unsubscribed', 'bouncing')`),
    check('subscribers_bounce_count', sql`${t.bounceCount} >= 0`),
    check('subscribers_email', sql`char_length(${t.email}) <= 254 and ${t.email} = lower(${t.email}) and ${t.email} ~ '^[^@[:space:]]+@[^@[:space:]]+$'`),
    index('subscribers_status_idx').on(t.status, t.id),
  ],
);

/**
 * Confirmation tokens, and unsubscribe tokens of messages whose sender died mid-send (the others
 * are in deliveries.unsubscribe_hash). Only a token's sha256 is stored: a leaked table or backup
 * confirms and unsubscribes nobody. A confirmation token is single-use and expires; an unsubscribe
 * token works for as long as the subscriber exists.
 */
export const mailTokens = pgTable(
  'mail_tokens',
  {
    hash: text('hash').primaryKey(),
    subscriberId: integer('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['confirm', 'unsubscribe'] }).notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    expiresAt: instant('expires_at'),
    usedAt: instant('used_at'),
  },
  (t) => [
    check('mail_tokens_purpose', sql`${t.purpose} in ('confirm', 'unsubscribe')`),
    check('mail_tokens_confirm_expires', sql`(${t.purpose} = 'confirm') = (${t.expiresAt} is not null)`),
    index('mail_tokens_subscriber_idx').on(t.subscriberId, t.purpose, t.createdAt),
  ],
);

export const deliveryStates = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryState = (typeof deliveryStates)[number];

/**
 * One row per (edition, subscriber): the UNIQUE constraint is what makes "one e-mail a day" hold
 * however many workers enqueue. A row is claimed with FOR UPDATE SKIP LOCKED (src/mail/delivery).
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    subscriberId: integer('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    state: text('state', { enum: deliveryStates }).notNull().default('pending'),
    /** SMTP attempts made, including the one in progress. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
    /** While sending: the key of the sending process's liveness lock (src/mail/delivery/owner-lock.ts). */
    claimedBy: integer('claimed_by'),
    /**
     * sha256 of the unsubscribe token the latest attempt carries. A message whose fate is unknown
     * (its sender died) keeps its link working: its hash moves to mail_tokens before a new attempt.
     */
    unsubscribeHash: text('unsubscribe_hash').unique(),
    sentAt: instant('sent_at'),
    lastError: text('last_error'),
    lastCode: integer('last_code'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('deliveries_edition_subscriber').on(t.editionId, t.subscriberId),
    check('deliveries_state', sql`${t.state} in ('pending', 'sending', 'sent', 'failed', 'skipped')`),
    check('deliveries_claimed', sql`(${t.state} = 'sending') = (${t.claimedBy} is not null)`),
    check('deliveries_attempts', sql`${t.attempts} >= 0`),
    index('deliveries_due_idx').on(t.nextAttemptAt, t.id).where(sql`${t.state} = 'pending'`),
    index('deliveries_sending_idx').on(t.claimedBy).where(sql`${t.state} = 'sending'`),
    index('deliveries_subscriber_idx').on(t.subscriberId),
  ],
);

/** Subscribe requests per client in fixed windows, shared by every API process. */
export const subscribeLimits = pgTable(
  'subscribe_limits',
  {
    bucket: text('bucket').notNull(),
    windowStart: instant('window_start').notNull(),
    used: integer('used').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index('subscribe_limits_window_idx').on(t.windowStart)],
);
