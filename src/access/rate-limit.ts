import { and, lt, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { rateLimitUsage } from '../db/schema/index.js';
import { ExpiringLru } from '../cache/expiring-lru.js';

export interface RateLimitState {
  limit: number;
  used: number;
  remaining: number;
  /** This request's cost. */
  cost: number;
  resetAt: Date;
  windowSeconds: number;
  allowed: boolean;
}

/** Charges a process grants on its own are written at most this long after: the cross-process lag. */
export const flushIntervalMs = 250;

/** One bucket's window as this process knows it. */
interface Tally {
  windowStart: number;
  /** When the window ends; one Date per window, shared by the states reported in it. */
  resetAt: Date;
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
 * Charges `cost` points to `bucket` in the current fixed window; the count holds across API
 * processes on one database. A bucket's first request in a window (or after 2 × `flushIntervalMs`
 * of quiet), and any request this process cannot grant on its own, is charged atomically in the
 * database, so `remaining` is exact within a process. A request this process already knows is over
 * the limit is refused without asking: usage only grows within a window, so what it knows is a
 * lower bound (a client hammering past its limit costs no SQL per request). Between those,
 * charges are granted from the last stored total plus this process's unflushed usage and written by
 * one upsert per bucket every `flushIntervalMs`: another process's usage shows here within about
 * 2 × `flushIntervalMs`, so several busy processes together may overshoot a limit by what they
 * grant in that time. A request that would pass the limit is refused and not charged.
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
  if (usedOf(tally) + cost > limit && tally.syncedAt > -Infinity) {
    return stateOf(tally, cost, limit, windowSeconds, false);
  }
  // Busy buckets stay fresh through their own flushes; only a quiet one re-reads the database.
  const fresh = performance.now() - tally.syncedAt < 2 * flushIntervalMs;
  if (!fresh || usedOf(tally) + cost > limit) return undefined;
  tally.unflushed += cost;
  tally.flushing ??= delay(flushIntervalMs).then(() => flush(db, bucket, tally));
  return stateOf(tally, cost, limit, windowSeconds, true);
}

/**
 * What this process knows is left in `bucket`'s current window (a lower bound on what is spent, so
 * an upper bound on what is left), or undefined before it has heard from the database this window.
 */
export function knownRemaining(db: Db, bucket: string, limit: number, windowSeconds: number, nowMs: number): RateLimitState | undefined {
  const tally = tallyOf(db, bucket, windowSeconds, nowMs);
  if (tally.syncedAt === -Infinity) return undefined;
  return stateOf(tally, 0, limit, windowSeconds, usedOf(tally) < limit);
}

/** Exact: write what we granted, then charge in the database only if it stays within the limit. */
async function chargeInDatabase(db: Db, bucket: string, cost: number, limit: number, windowSeconds: number, now: Date): Promise<RateLimitState> {
  const tally = tallyOf(db, bucket, windowSeconds, now.getTime());
  await flush(db, bucket, tally);
  const at = new Date(tally.windowStart).toISOString();
  const [charged] = await queryRows<{ used: number }>(
    db,
    sql`insert into rate_limit_usage as r (bucket, window_start, used)
        select ${bucket}, ${at}::timestamptz, ${cost}::int where ${cost}::int <= ${limit}::int
        on conflict (bucket, window_start) do update set used = r.used + excluded.used
        where r.used + excluded.used <= ${limit}::int
        returning used`,
  );
  if (charged) {
    if (Math.random() < 0.01) void pruneOldWindows(db, new Date(tally.windowStart)).catch(() => {});
    synced(tally, Number(charged.used));
    return stateOf(tally, cost, limit, windowSeconds, true);
  }
  const [current] = await queryRows<{ used: number }>(
    db,
    sql`select used from rate_limit_usage where bucket = ${bucket} and window_start = ${at}::timestamptz`,
  );
  synced(tally, Number(current?.used ?? 0));
  return stateOf(tally, cost, limit, windowSeconds, false);
}

/** This process's tally of a bucket in the window `now` falls in; a new window starts from zero. */
function tallyOf(db: Db, bucket: string, windowSeconds: number, nowMs: number): Tally {
  const windowMs = windowSeconds * 1000;
  const windowStart = Math.floor(nowMs / windowMs) * windowMs;
  let byBucket = tallies.get(db);
  if (!byBucket) tallies.set(db, (byBucket = new ExpiringLru(maxTallies, (t) => t.resetAt.getTime())));
  let tally = byBucket.get(bucket, nowMs);
  if (!tally || tally.windowStart !== windowStart) {
    if (tally) void flush(db, bucket, tally);
    tally = { windowStart, resetAt: new Date(windowStart + windowMs), stored: 0, unflushed: 0, writing: 0, syncedAt: -Infinity, flushing: undefined, written: Promise.resolve() };
    byBucket.set(bucket, tally, nowMs);
  }
  return tally;
}

/** What this process knows is used: stored, being written, and granted since. */
function usedOf(tally: Tally): number {
  return tally.stored + tally.writing + tally.unflushed;
}

function stateOf(tally: Tally, cost: number, limit: number, windowSeconds: number, allowed: boolean): RateLimitState {
  const used = usedOf(tally);
  return {
    limit,
    used,
    remaining: Math.max(0, limit - used),
    cost,
    resetAt: tally.resetAt,
    windowSeconds,
    allowed,
  };
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
    synced(tally, Number(row!.used));
  } catch {
    // The database is away (or closed at shutdown): those charges are forgiven, never double-counted.
    tally.writing -= amount;
  }
}

function synced(tally: Tally, stored: number): void {
  tally.stored = Math.max(tally.stored, stored);
  tally.syncedAt = performance.now();
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function pruneOldWindows(db: Db, currentWindow: Date): Promise<void> {
  await db.delete(rateLimitUsage).where(and(lt(rateLimitUsage.windowStart, currentWindow)));
}
