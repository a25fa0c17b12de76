import { rfc3339 } from './dates.js';
import type { EditionView, SiteInfo } from './edition-view.js';
import { feedId, feedItems, lastPublished } from './feed-items.js';
import { escapeMarkup as esc } from './markup.js';

/**
 * Atom 1.0 (RFC 4287), one entry per edition, content as escaped HTML. <updated> is required even
 * before the first edition: then it is `now`, passed in (the renderer stays a pure function).
 */
export function renderAtom(editions: EditionView[], site: SiteInfo, selfUrl: string, now: Date): string {
  const entries = feedItems(editions, site).map((item) =>
    [
      '  <entry>',
      `    <id>${esc(item.id)}</id>`,
      `    <title>${esc(item.title)}</title>`,
      `    <updated>${rfc3339(item.publishedAt)}</updated>`,
      `    <published>${rfc3339(item.publishedAt)}</published>`,
      `    <link rel="alternate" type="application/json" href="${esc(item.url)}"/>`,
      `    <content type="html">${esc(item.html)}</content>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${esc(feedId(site))}</id>`,
    `  <title>${esc(site.title)}</title>`,
    `  <subtitle>${esc(site.description)}</subtitle>`,
    `  <updated>${rfc3339(lastPublished(editions) ?? now)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${esc(selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${esc(site.baseUrl)}"/>`,
    `  <author><name>${esc(site.title)}</name><uri>${esc(site.baseUrl)}</uri></author>`,
    '  <generator>mlbrief</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
