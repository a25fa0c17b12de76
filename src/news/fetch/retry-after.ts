const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date, capped at a day so a
 * hostile or broken server cannot park a feed forever. null when absent or unparsable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) {
    ms = Number(trimmed) * 1000;
  } else {
    // Every HTTP-date form names its month; V8's lenient Date.parse would read "-5" as a year.
    const at = /[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : NaN;
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), DAY_MS);
}
