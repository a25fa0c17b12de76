import { longDate } from './dates.js';
import { editionHtml } from './edition-html.js';
import { editionText } from './edition-text.js';
import type { EditionView, SiteInfo } from './edition-view.js';
import { oneLine } from './markup.js';

/** What RSS, Atom and JSON Feed all say about one edition. */
export interface FeedItem {
  id: string;
  title: string;
  url: string;
  publishedAt: Date;
  html: string;
  text: string;
}

// The date part of every tag: URI (RFC 4151); fixed forever so that ids never change.
const TAG_DATE = '2026';

function tagUri(site: SiteInfo, specific: string): string {
  return `tag:${new URL(site.baseUrl).hostname},${TAG_DATE}:${specific}`;
}

/** The feed's own stable id: tag:host,2026:daily */
export function feedId(site: SiteInfo): string {
  return tagUri(site, 'daily');
}

/** "mlbrief daily — 27 November 2026" */
export function editionTitle(e: EditionView, site: SiteInfo): string {
  return `${oneLine(site.title)} — ${longDate(e.date)}`;
}

/** Newest edition first, each with a stable id: tag:host,2026:daily/2026-11-27 */
export function feedItems(editions: EditionView[], site: SiteInfo): FeedItem[] {
  return [...editions]
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .map((e) => ({
      id: tagUri(site, `daily/${e.date}`),
      title: editionTitle(e, site),
      url: e.url,
      publishedAt: e.publishedAt,
      html: editionHtml(e),
      text: editionText(e),
    }));
}

/** When the feed last changed: the latest publishedAt, or null for an empty feed. */
export function lastPublished(editions: EditionView[]): Date | null {
  let latest: Date | null = null;
  for (const e of editions) if (!latest || e.publishedAt > latest) latest = e.publishedAt;
  return latest;
}
