import { registrableDomain } from './publisher.js';

export type SourceKind = 'feed' | 'aggregator';

/** Fewer linked items than this say nothing either way: the kind detected before stands. */
const MIN_ITEMS = 3;

/**
 * `aggregator` when most of a fetch's items link to another site than the feed's own (Hacker
 * News, a link blog), `feed` when most link home; null when too few items have links to tell.
 */
export function detectKind(itemUrls: readonly (string | null)[], siteUrl: string | null, feedUrl: string): SourceKind | null {
  const home = registrableDomain(siteUrl ?? feedUrl);
  const linked = itemUrls.filter((u): u is string => u !== null);
  if (linked.length < MIN_ITEMS || home === null) return null;
  const offSite = linked.filter((u) => registrableDomain(u) !== home).length;
  return offSite * 2 > linked.length ? 'aggregator' : 'feed';
}

/** A source's kind: the one an operator set, else the detected one. */
export function kindOf(source: { kind: SourceKind | null; detectedKind: SourceKind }): SourceKind {
  return source.kind ?? source.detectedKind;
}

/** An aggregator's own post (Ask HN), or an item with no link: a story of its own, never merged by headline. */
export function isSelfPost(itemUrl: string | null, siteUrl: string | null, feedUrl: string): boolean {
  return itemUrl === null || registrableDomain(itemUrl) === registrableDomain(siteUrl ?? feedUrl);
}
