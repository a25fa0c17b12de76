import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const apiKeys = pgTable(
  'api_keys',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** The first characters of the secret, to tell keys apart in lists; the secret itself is never stored. */
    prefix: text('prefix').notNull(),
    /** sha256 of the secret: a leaked table gives no usable keys. */
    keyHash: text('key_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [check('api_keys_name', sql`char_length(${t.name}) between 1 and 100`)],
);

/** Query-cost points used per client per window; one row per (bucket, window), shared by every API process. */
export const rateLimitUsage = pgTable(
  'rate_limit_usage',
  {
    bucket: text('bucket').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    used: integer('used').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index('rate_limit_usage_window_idx').on(t.windowStart)],
);
