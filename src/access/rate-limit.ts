import { and, lt, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { rateLimitUsage } from '../db/schema/index.js';

export interface RateLimitState {
  limit: number;
  used: number;
  remaining: number;
  /** This request's cost. */
  cost: number;
  resetAt: Date;
  allowed: boolean;
}

/**
 * Charges `cost` points to `bucket` in the current fixed window, atomically in the database so the
 * count holds across API processes. A request that would pass the limit is refused and not charged.
 */
export async function chargeRateLimit(
  db: Db,
  bucket: string,
  cost: number,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<RateLimitState> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const resetAt = new Date(windowStart.getTime() + windowMs);
  const [charged] = await queryRows<{ used: number }>(
    db,
    sql`insert into rate_limit_usage as r (bucket, window_start, used)
        select ${bucket}, ${windowStart.toISOString()}::timestamptz, ${cost}::int where ${cost}::int <= ${limit}::int
        on conflict (bucket, window_start) do update set used = r.used + excluded.used
        where r.used + excluded.used <= ${limit}::int
        returning used`,
  );
  if (charged) {
    if (Math.random() < 0.01) void pruneOldWindows(db, windowStart).catch(() => {});
    const used = Number(charged.used);
    return { limit, used, remaining: limit - used, cost, resetAt, allowed: true };
  }
  const [current] = await queryRows<{ used: number }>(
    db,
    sql`select used from rate_limit_usage where bucket = ${bucket} and window_start = ${windowStart.toISOString()}::timestamptz`,
  );
  const used = Number(current?.used ?? 0);
  return { limit, used, remaining: Math.max(0, limit - used), cost, resetAt, allowed: false };
}

async function pruneOldWindows(db: Db, currentWindow: Date): Promise<void> {
  await db.delete(rateLimitUsage).where(and(lt(rateLimitUsage.windowStart, currentWindow)));
}
