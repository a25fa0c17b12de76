/**
 * Feed dates to UTC. Supports ISO 8601 / RFC 3339 / W3C-DTF (dc:date, Atom) and RFC 822 / 1123
 * (RSS pubDate) with numeric or named zones. A date without a zone is read as UTC. Anything else
 * gives null rather than a guess (Date.parse would depend on the machine's time zone).
 */
export function parseDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!s) return null;
  return iso8601(s) ?? rfc822(s);
}

const ISO =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;

function iso8601(s: string): Date | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const [, y, mo = '1', d = '1', h = '0', mi = '0', sec = '0', frac = '', zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return build(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec), ms, offsetMinutes(zone));
}

const RFC822 =
  /^(?:[A-Za-z]+\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{2,4})(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(\(?[A-Za-z]{1,5}\)?|[+-]\d{2}:?\d{2})?\s*$/;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function rfc822(s: string): Date | null {
  const m = RFC822.exec(s);
  if (!m) return null;
  const [, d, mon = '', y = '', h = '0', mi = '0', sec = '0', zone] = m;
  const month = MONTHS.indexOf(mon.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return null;
  let year = Number(y);
  if (y.length === 2) year += year < 50 ? 2000 : 1900;
  return build(year, month, Number(d), Number(h), Number(mi), Number(sec), 0, offsetMinutes(zone?.replace(/[()]/g, '')));
}

/** RFC 822 zones plus a few common abbreviations; an unknown name is read as UTC. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
  AST: -4, ADT: -3, AKST: -9, AKDT: -8, HST: -10, NZST: 12, NZDT: 13,
  BST: 1, CET: 1, CEST: 2, MET: 1, MEST: 2, EET: 2, EEST: 3, MSK: 3, JST: 9, KST: 9, AEST: 10, AEDT: 11,
};

function offsetMinutes(zone: string | undefined): number {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  return (ZONES[zone.toUpperCase()] ?? 0) * 60;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  // Reject 31 February and the like, which Date.UTC would roll over.
  const check = new Date(local);
  if (check.getUTCDate() !== d && h < 24) return null;
  const date = new Date(local - offset * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}
