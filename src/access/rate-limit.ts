import { and, lt, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { rateLimitUsage } from '../db/schema/index.js';
import { ExpiringLru } from '../cache/expiring-lru.js';

export interface RateLimitState {
  limit: number;
  /** Points counted against the limit now: this window's, and what still counts of the previous one. */
  used: number;
  remaining: number;
  /** This request's cost. */
  cost: number;
  /** When every point spent so far counts no more (`remaining` is back to `limit`). */
  resetAt: Date;
  /** When a query of this cost fits (now, when it was allowed): what Retry-After says. */
  retryAt: number;
  windowSeconds: number;
  allowed: boolean;
}

/** Charges a process grants on its own are written at most this long after: the cross-process lag. */
export const flushIntervalMs = 250;

/** One bucket's window as this process knows it. */
interface Tally {
  windowStart: number;
  windowMs: number;
  /** `resetAt` when this window has charges, and when only the previous one has: one Date each per window. */
  resetAfterNext: Date;
  resetAtEnd: Date;
  /** Points the previous window used (from the database, once synced); they fade out over this window. */
  previous: number;
  /** The database total when last written or read (our flushed charges included). */
  stored: number;
  /** Granted here, not yet written. */
  unflushed: number;
  /** Granted here and being written now: in neither of the above until the write answers. */
  writing: number;
  syncedAt: number;
  flushing: Promise<void> | undefined;
  /** The last write of this bucket's charges; writes run one after another. */
  written: Promise<void>;
}

/**
 * Buckets this process keeps a tally for, per database: the most recently used, each until its
 * window ends. A forgotten bucket's next charge is decided by the database, so forgetting costs a
 * statement, never a wrong count; what it spares is memory under many distinct clients.
 */
export const maxTallies = 50_000;
const tallies = new WeakMap<Db, ExpiringLru<string, Tally>>();

/**
 * Charges `cost` points to `bucket` in a rolling window of `windowSeconds`, counted across API
 * processes on one database. The store keeps one row per bucket and clock-aligned window; a rolling
 * window is estimated from two of them, as a sliding-window counter: this window's points plus the
 * previous window's scaled by the part of it still inside the last `windowSeconds`. Points come
 * back gradually rather than all at once on the hour, so `retryAt` (Retry-After) is when this
 * query's cost fits, not the end of a clock hour.
 *
 * A bucket's first request in a window (or after 2 × `flushIntervalMs` of quiet), and any request
 * this process cannot grant on its own, is charged atomically in the database, so `remaining` is
 * exact within a process. A request this process already knows is over the limit is refused
 * without asking: what it knows is a lower bound on what is used (a client hammering past its limit
 * costs no SQL per request). Between those, charges are granted from the last stored total plus
 * this process's unflushed usage and written by one upsert per bucket every `flushIntervalMs`:
 * another process's usage shows here within about 2 × `flushIntervalMs`, so several busy processes
 * together may overshoot a limit by what they grant in that time. A refused request is not charged.
 */
export async function chargeRateLimit(
  db: Db,
  bucket: string,
  cost: number,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<RateLimitState> {
  return chargeLocally(db, bucket, cost, limit, windowSeconds, now.getTime()) ?? chargeInDatabase(db, bucket, cost, limit, windowSeconds, now);
}

/**
 * The same charge when this process can decide it on its own, synchronously: granted in a busy
 * bucket well inside its limit, refused when what it knows is already past it; undefined when the
 * database must decide (see chargeRateLimit).
 */
export function chargeLocally(db: Db, bucket: string, cost: number, limit: number, windowSeconds: number, nowMs: number): RateLimitState | undefined {
  const tally = tallyOf(db, bucket, windowSeconds, nowMs);
  const carried = carriedOf(tally, nowMs);
  if (usedOf(tally) + carried + cost > limit && tally.syncedAt > -Infinity) {
    return stateOf(tally, cost, limit, windowSeconds, false, nowMs);
  }
  // Busy buckets stay fresh through their own flushes; only a quiet one re-reads the database.
  const fresh = performance.now() - tally.syncedAt < 2 * flushIntervalMs;
  if (!fresh || usedOf(tally) + carried + cost > limit) return undefined;
  tally.unflushed += cost;
  tally.flushing ??= delay(flushIntervalMs).then(() => flush(db, bucket, tally));
  return stateOf(tally, cost, limit, windowSeconds, true, nowMs);
}

/**
 * What this process knows is left in `bucket` now (a lower bound on what is spent, so an upper
 * bound on what is left), or undefined before it has heard from the database this window.
 */
export function knownRemaining(db: Db, bucket: string, limit: number, windowSeconds: number, nowMs: number): RateLimitState | undefined {
  const tally = tallyOf(db, bucket, windowSeconds, nowMs);
  if (tally.syncedAt === -Infinity) return undefined;
  return stateOf(tally, 1, limit, windowSeconds, usedOf(tally) + carriedOf(tally, nowMs) < limit, nowMs);
}

/** Exact: write what we granted, then charge in the database only if the rolling total stays within the limit. */
async function chargeInDatabase(db: Db, bucket: string, cost: number, limit: number, windowSeconds: number, now: Date): Promise<RateLimitState> {
  const nowMs = now.getTime();
  const tally = tallyOf(db, bucket, windowSeconds, nowMs);
  await flush(db, bucket, tally);
  const at = new Date(tally.windowStart).toISOString();
  const before = new Date(tally.windowStart - tally.windowMs).toISOString();
  const weight = fadeOf(tally, nowMs);
  const [charged] = await queryRows<{ used: number; previous: number }>(
    db,
    sql`with prev as (
          select coalesce(sum(used), 0)::int as used from rate_limit_usage where bucket = ${bucket} and window_start = ${before}::timestamptz
        )
        insert into rate_limit_usage as r (bucket, window_start, used)
        select ${bucket}, ${at}::timestamptz, ${cost}::int from prev where ${cost}::int + ceil(prev.used * ${weight}::float8) <= ${limit}::int
        on conflict (bucket, window_start) do update set used = r.used + excluded.used
        where r.used + excluded.used + (select ceil(prev.used * ${weight}::float8) from prev) <= ${limit}::int
        returning used, (select used from prev) as previous`,
  );
  if (charged) {
    if (Math.random() < 0.01) void pruneOldWindows(db, new Date(tally.windowStart - tally.windowMs)).catch(() => {});
    synced(tally, Number(charged.used), Number(charged.previous));
    return stateOf(tally, cost, limit, windowSeconds, true, nowMs);
  }
  const [current] = await queryRows<{ used: number | null; previous: number | null }>(
    db,
    sql`select (select used from rate_limit_usage where bucket = ${bucket} and window_start = ${at}::timestamptz) as used,
               (select used from rate_limit_usage where bucket = ${bucket} and window_start = ${before}::timestamptz) as previous`,
  );
  synced(tally, Number(current?.used ?? 0), Number(current?.previous ?? 0));
  return stateOf(tally, cost, limit, windowSeconds, false, nowMs);
}

/** This process's tally of a bucket in the window `now` falls in; a new window starts from zero. */
function tallyOf(db: Db, bucket: string, windowSeconds: number, nowMs: number): Tally {
  const windowMs = windowSeconds * 1000;
  const windowStart = Math.floor(nowMs / windowMs) * windowMs;
  let byBucket = tallies.get(db);
  // Kept until the end of the next window: its points still count, fading, until then.
  if (!byBucket) tallies.set(db, (byBucket = new ExpiringLru(maxTallies, (t) => t.resetAfterNext.getTime())));
  let tally = byBucket.get(bucket, nowMs);
  if (!tally || tally.windowStart !== windowStart) {
    if (tally) void flush(db, bucket, tally);
    tally = {
      windowStart,
      windowMs,
      resetAfterNext: new Date(windowStart + 2 * windowMs),
      resetAtEnd: new Date(windowStart + windowMs),
      previous: 0,
      stored: 0,
      unflushed: 0,
      writing: 0,
      syncedAt: -Infinity,
      flushing: undefined,
      written: Promise.resolve(),
    };
    byBucket.set(bucket, tally, nowMs);
  }
  return tally;
}

/** What this process knows this window used: stored, being written, and granted since. */
function usedOf(tally: Tally): number {
  return tally.stored + tally.writing + tally.unflushed;
}

/** The share of the previous window still inside the rolling window at `nowMs` (1 at this window's start, 0 at its end). */
function fadeOf(tally: Tally, nowMs: number): number {
  return Math.max(0, 1 - (nowMs - tally.windowStart) / tally.windowMs);
}

/** The previous window's points that still count at `nowMs`. */
function carriedOf(tally: Tally, nowMs: number): number {
  return tally.previous === 0 ? 0 : Math.ceil(tally.previous * fadeOf(tally, nowMs));
}

function stateOf(tally: Tally, cost: number, limit: number, windowSeconds: number, allowed: boolean, nowMs: number): RateLimitState {
  const current = usedOf(tally);
  const used = current + carriedOf(tally, nowMs);
  return {
    limit,
    used,
    remaining: Math.max(0, limit - used),
    cost,
    resetAt: current > 0 ? tally.resetAfterNext : tally.resetAtEnd,
    retryAt: allowed ? nowMs : retryAt(tally, current, cost, limit, nowMs),
    windowSeconds,
    allowed,
  };
}

/**
 * When `cost` points fit, if nobody spends more meanwhile: during this window, once enough of the
 * previous window's points have faded; else during the next, once enough of this window's have.
 */
function retryAt(tally: Tally, current: number, cost: number, limit: number, nowMs: number): number {
  const { windowStart, windowMs, previous } = tally;
  const end = windowStart + windowMs;
  if (cost > limit) return end + windowMs;
  if (previous === 0 && current + cost <= limit) return nowMs;
  if (current + cost <= limit) {
    // previous · (1 − (t − start)/W) ≤ limit − current − cost
    const t = windowStart + windowMs * (1 - (limit - current - cost) / previous);
    return Math.min(end, Math.max(nowMs, Math.ceil(t)));
  }
  // current · (1 − (t − end)/W) ≤ limit − cost, in the next window
  return Math.ceil(end + windowMs * (1 - (limit - cost) / current));
}

/**
 * Writes a bucket's unflushed charges with one upsert and learns the total all processes stored.
 * Writes of a bucket run one after another, so once this resolves every charge granted before the
 * call is in the database and in `stored` (chargeInDatabase relies on it to be exact).
 */
function flush(db: Db, bucket: string, tally: Tally): Promise<void> {
  const amount = tally.unflushed;
  tally.unflushed = 0;
  tally.flushing = undefined;
  if (amount > 0) {
    tally.writing += amount;
    tally.written = tally.written.then(() => write(db, bucket, tally, amount));
  }
  return tally.written;
}

async function write(db: Db, bucket: string, tally: Tally, amount: number): Promise<void> {
  try {
    const [row] = await queryRows<{ used: number }>(
      db,
      sql`insert into rate_limit_usage as r (bucket, window_start, used)
          values (${bucket}, ${new Date(tally.windowStart).toISOString()}::timestamptz, ${amount}::int)
          on conflict (bucket, window_start) do update set used = r.used + excluded.used
          returning used`,
    );
    tally.writing -= amount;
    synced(tally, Number(row!.used), tally.previous);
  } catch {
    // The database is away (or closed at shutdown): those charges are forgiven, never double-counted.
    tally.writing -= amount;
  }
}

function synced(tally: Tally, stored: number, previous: number): void {
  tally.stored = Math.max(tally.stored, stored);
  tally.previous = Math.max(tally.previous, previous);
  tally.syncedAt = performance.now();
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Windows before the previous one count no more. */
async function pruneOldWindows(db: Db, previousWindow: Date): Promise<void> {
  await db.delete(rateLimitUsage).where(and(lt(rateLimitUsage.windowStart, previousWindow)));
}
