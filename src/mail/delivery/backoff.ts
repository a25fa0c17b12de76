export interface RetryPolicy {
  /** Delay after the first failed attempt; each further failure doubles it. */
  baseMs: number;
  capMs: number;
  /** Attempts in all; a transient failure on the last one fails the delivery. */
  maxAttempts: number;
}

/** 1, 2, 4, … 32 minutes, then hourly: ten attempts over about four hours, past most greylisting. */
export const defaultRetryPolicy: RetryPolicy = { baseMs: 60_000, capMs: 60 * 60_000, maxAttempts: 10 };

/**
 * When to try again after `attempts` attempts have failed transiently, or undefined when that was
 * the last one. Pure: `now` is passed in.
 */
export function retryAt(attempts: number, now: Date, policy: RetryPolicy = defaultRetryPolicy): Date | undefined {
  if (attempts >= policy.maxAttempts) return undefined;
  const delay = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + delay);
}
