import { canonicalArxivUrl } from './arxiv.js';

/**
 * Query parameters that only say where a click came from. `ref` and `source` are kept: they often
 * carry meaning (GitHub's `?ref=branch`, a search's `source=`), and a canonical URL must never
 * point at a different page than the one the feed linked to.
 */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'mkt_tok',
  '_ga',
  '_gl',
  'ref_src',
  'ref_url',
]);

const isTracking = (key: string): boolean => {
  const k = key.toLowerCase();
  return k.startsWith('utm_') || TRACKING_PARAMS.has(k);
};

const decodeKey = (segment: string): string => {
  const raw = segment.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
};

/** Works on the raw query so the kept parameters keep their original encoding. */
function canonicalQuery(search: string): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((segment) => segment !== '' && !isTracking(decodeKey(segment)))
    .map((segment) => ({ segment, key: decodeKey(segment) }));
  // Array#sort is stable, so repeated keys keep their relative order (it can matter to the server).
  kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return kept.length === 0 ? '' : `?${kept.map((p) => p.segment).join('&')}`;
}

/**
 * The one spelling of a URL we store and compare: http(s) only, scheme and host lowercased (the
 * WHATWG parser does that and drops default ports), no credentials, no fragment, no tracking
 * parameters, the rest sorted. Path case is kept: paths are case-sensitive on most servers.
 */
export function canonicalUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;

  const arxiv = canonicalArxivUrl(parsed);
  if (arxiv) return arxiv;

  // Each URL setter re-parses the whole URL, so only the one that changes the result runs.
  if (parsed.hostname.endsWith('.')) parsed.hostname = parsed.hostname.slice(0, -1);
  // Built from its parts, the result leaves out credentials (never part of a story's identity,
  // and not to be stored) and the fragment.
  const query = parsed.search === '' ? '' : canonicalQuery(parsed.search);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query}`;
}

/** Resolves a possibly relative reference against a base; null when it cannot be parsed. */
export function resolveUrl(reference: string, base: string): string | null {
  try {
    return new URL(reference.trim(), base).href;
  } catch {
    try {
      return new URL(reference.trim()).href;
    } catch {
      return null;
    }
  }
}
