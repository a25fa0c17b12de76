import { rfc822 } from './dates.js';
import type { EditionView, SiteInfo } from './edition-view.js';
import { feedItems, lastPublished } from './feed-items.js';
import { escapeMarkup as esc } from './markup.js';

/**
 * RSS 2.0, one item per edition. Item bodies are escaped HTML rather than CDATA, so a "]]>" in a
 * headline needs no special case.
 */
export function renderRss(editions: EditionView[], site: SiteInfo, selfUrl: string): string {
  const updated = lastPublished(editions);
  const items = feedItems(editions, site).map((item) =>
    [
      '    <item>',
      `      <title>${esc(item.title)}</title>`,
      `      <link>${esc(item.url)}</link>`,
      `      <guid isPermaLink="false">${esc(item.id)}</guid>`,
      `      <pubDate>${rfc822(item.publishedAt)}</pubDate>`,
      `      <description>${esc(item.html)}</description>`,
      '    </item>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${esc(site.title)}</title>`,
    `    <link>${esc(site.baseUrl)}</link>`,
    `    <description>${esc(site.description)}</description>`,
    '    <language>en</language>',
    '    <generator>mlbrief</generator>',
    '    <docs>https://www.rssboard.org/rss-specification</docs>',
    ...(updated ? [`    <lastBuildDate>${rfc822(updated)}</lastBuildDate>`] : []),
    `    <atom:link href="${esc(selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
