import { rfc3339 } from './dates.js';
import type { EditionView, SiteInfo } from './edition-view.js';
import { feedItems } from './feed-items.js';
import { cleanText } from './markup.js';

/** JSON Feed 1.1, one item per edition, with both content_html and content_text. */
export function renderJsonFeed(editions: EditionView[], site: SiteInfo, selfUrl: string): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: cleanText(site.title),
    home_page_url: site.baseUrl,
    feed_url: selfUrl,
    description: cleanText(site.description),
    language: 'en',
    authors: [{ name: cleanText(site.title), url: site.baseUrl }],
    items: feedItems(editions, site).map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      content_html: item.html,
      content_text: item.text,
      date_published: rfc3339(item.publishedAt),
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
