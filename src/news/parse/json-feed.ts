import { z } from 'zod';
import { ParseError, type ParsedFeed, type ParsedItem } from '../types.js';
import { parseDate } from './dates.js';
import { resolveUrl } from './links.js';

const optionalString = z.string().nullish().catch(null);
const author = z.object({ name: optionalString }).loose();

const JsonFeed = z
  .object({
    // jsonfeed.org moved to https with 1.1; 1.0 feeds in the wild still say http.
    version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\//),
    title: optionalString,
    home_page_url: optionalString,
    feed_url: optionalString,
    items: z.array(z.unknown()),
  })
  .loose();

const JsonItem = z
  .object({
    id: z.union([z.string(), z.number().transform(String)]).nullish().catch(null),
    url: optionalString,
    external_url: optionalString,
    title: optionalString,
    summary: optionalString,
    content_html: optionalString,
    content_text: optionalString,
    date_published: optionalString,
    date_modified: optionalString,
    author: author.nullish().catch(null),
    authors: z.array(author).nullish().catch(null),
    attachments: z.array(z.object({ url: optionalString }).loose()).nullish().catch(null),
  })
  .loose();

/** JSON Feed 1.0 and 1.1. An item that is not an object is skipped, not fatal. */
export function parseJsonFeed(text: string, url: string | null): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ParseError('MALFORMED', `unreadable JSON: ${(error as Error).message}`);
  }
  const feed = JsonFeed.safeParse(data);
  if (!feed.success) throw new ParseError('NOT_A_FEED', 'the JSON document is not a JSON Feed');
  const siteUrl = resolveUrl(feed.data.home_page_url, url);
  // Relative item URLs resolve against the document's own URL (RFC 3986), as in XML feeds.
  const base = url ?? siteUrl;
  const items: ParsedItem[] = [];
  for (const raw of feed.data.items) {
    const item = JsonItem.safeParse(raw);
    if (!item.success) continue;
    const it = item.data;
    items.push({
      guid: it.id?.trim() || null,
      title: it.title?.trim() || null,
      link: resolveUrl(it.url ?? it.external_url, base),
      summary: it.summary ?? null,
      content: it.content_html ?? it.content_text ?? null,
      author: (it.authors?.[0] ?? it.author)?.name?.trim() || null,
      publishedAt: parseDate(it.date_published) ?? parseDate(it.date_modified),
      ...(it.attachments?.[0]?.url ? { enclosure: resolveUrl(it.attachments[0].url, base) } : {}),
    });
  }
  return { format: 'json', title: feed.data.title?.trim() || null, siteUrl, items };
}
