const base = 30 * 60_000;
const cap = 24 * 60 * 60_000;

/**
 * When to try a failing feed again: 30 min, 1 h, 2 h, … capped at a day; a server's Retry-After
 * wins when it asks for longer. Pure: `now` is passed in.
 */
export function nextAttemptAt(errorCount: number, now: Date, retryAfterMs?: number): Date {
  const backoff = Math.min(cap, base * 2 ** Math.max(0, errorCount - 1));
  return new Date(now.getTime() + Math.max(backoff, Math.min(cap, retryAfterMs ?? 0)));
}
