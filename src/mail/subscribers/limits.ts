import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

export interface LimitState {
  allowed: boolean;
  /** Seconds until the window ends (Retry-After). */
  retryAfter: number;
}

/**
 * Counts one request in `bucket`'s fixed window, in the database (exact across API processes,
 * and memory here stays flat however many clients ask). Every request counts, refused ones too.
 */
export async function countRequest(db: Db, bucket: string, limit: number, windowMs: number, now: Date): Promise<LimitState> {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const [row] = await queryRows<{ used: number }>(
    db,
    sql`insert into subscribe_limits as l (bucket, window_start, used) values (${bucket}, ${new Date(start).toISOString()}::timestamptz, 1)
        on conflict (bucket, window_start) do update set used = l.used + 1
        returning used`,
  );
  return { allowed: Number(row!.used) <= limit, retryAfter: Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000)) };
}
