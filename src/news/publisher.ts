import { getDomain, getHostname } from 'tldts';

/** The publisher of every arXiv feed. */
export const ARXIV_PUBLISHER = 'arXiv';

/** Every arXiv host (arxiv.org, export., rss.): one publisher whatever the category feed. */
const ARXIV = /(?:^|\.)arxiv\.org$/i;

/**
 * The registrable domain of a URL by the Public Suffix List, private suffixes included (so two
 * github.io sites are two publishers); the host itself for an IP address or a name the list does
 * not know; null when it is not a URL.
 */
export function registrableDomain(url: string): string | null {
  const host = getHostname(url);
  if (!host) return null;
  return getDomain(url, { allowPrivateDomains: true }) ?? host;
}

/**
 * The publisher of a feed when no one named it: `arXiv` for arXiv's feeds, else the registrable
 * domain of the feed's site link, else of the feed URL. A hosting platform that is not on the
 * Public Suffix List (many newsletters share one) needs `--publisher`.
 */
export function inferPublisher(siteUrl: string | null, feedUrl: string): string {
  const urls = [siteUrl, feedUrl].filter((u): u is string => !!u);
  if (urls.some((u) => ARXIV.test(getHostname(u) ?? ''))) return ARXIV_PUBLISHER;
  for (const url of urls) {
    const domain = registrableDomain(url);
    if (domain) return domain;
  }
  return feedUrl;
}

/** A source's publisher: the one an operator set, else the inferred one. */
export function publisherOf(source: { publisher: string | null; siteUrl: string | null; url: string }): string {
  return source.publisher ?? inferPublisher(source.siteUrl, source.url);
}
