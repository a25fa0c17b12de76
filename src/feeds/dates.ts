const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

function valid(date: Date): Date {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date in an edition');
  return date;
}

/** RFC 822 (as profiled by RFC 1123 and the RSS board): "Fri, 27 Nov 2026 00:05:00 GMT". */
export function rfc822(date: Date): string {
  return valid(date).toUTCString();
}

/** RFC 3339 in UTC: "2026-11-27T00:05:00.000Z". */
export function rfc3339(date: Date): string {
  return valid(date).toISOString();
}

/** "2026-11-27" → "27 November 2026", without Intl so every machine prints the same bytes. */
export function longDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) throw new RangeError(`Not a YYYY-MM-DD date: ${isoDate}`);
  return `${Number(match[3])} ${month} ${match[1]}`;
}
