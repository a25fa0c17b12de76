import type { NormalizedItem, ParsedItem } from '../types.js';
import { arxivId } from './arxiv.js';
import { arxivAnnounce, withoutAnnouncePrefix, withoutArxivSuffix } from './arxiv-announce.js';
import { endorsement } from './endorsement.js';
import { sanitizeContent } from './html.js';
import { identityOf } from './identity.js';
import { bound, firstSentence, plainText } from './text.js';
import { canonicalUrl, resolveUrl } from './url.js';

export { arxivId } from './arxiv.js';
export { canonicalUrl } from './url.js';

const MAX_TITLE = 300;
const MAX_SUMMARY = 500;
const MAX_AUTHOR = 200;
const EARLIEST_DATE = Date.UTC(1995, 0, 1);
/** Clock skew we forgive; a later date is a feed's mistake, and the store uses first-seen instead. */
const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;

export interface NormalizeContext {
  now: Date;
  /** The feed's own URL, the base for any link the parser left relative. */
  feedUrl: string;
}

const validDate = (date: Date | null): Date | null =>
  date instanceof Date && !Number.isNaN(date.getTime()) ? date : null;

function publishedAt(raw: Date | null, now: Date): Date | null {
  const date = validDate(raw);
  if (!date) return null;
  const time = date.getTime();
  if (time < EARLIEST_DATE || time > now.getTime() + FUTURE_TOLERANCE_MS) return null;
  return date;
}

/** The item's link, or an RSS permalink GUID when the link is missing, made canonical. */
function itemUrl(item: ParsedItem, guid: string | null, feedUrl: string): string | null {
  for (const candidate of [item.link, guid]) {
    const absolute = candidate?.trim() ? resolveUrl(candidate, feedUrl) : null;
    const canonical = absolute ? canonicalUrl(absolute) : null;
    if (canonical) return canonical;
  }
  return null;
}

function enclosureOf(item: ParsedItem, feedUrl: string): string | null {
  const absolute = item.enclosure?.trim() ? resolveUrl(item.enclosure, feedUrl) : null;
  return absolute ? canonicalUrl(absolute) : null;
}

/**
 * C0 control characters other than tab and line breaks: no feed means them (XML forbids them), and
 * PostgreSQL text cannot hold NUL at all, so one would fail the whole feed's transaction.
 */
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

function withoutControls(item: ParsedItem): ParsedItem {
  const clean = (value: string | null) => (value === null ? null : value.replace(controls, ''));
  return {
    ...item,
    guid: clean(item.guid),
    title: clean(item.title),
    link: clean(item.link),
    summary: clean(item.summary),
    content: clean(item.content),
    author: clean(item.author),
  };
}

/**
 * One parsed feed item made ready to store: canonical URL, stable identity, clean title and
 * summary, sanitized HTML and a trustworthy date. Null when there is neither a title nor a link.
 */
export function normalizeItem(parsed: ParsedItem, context: NormalizeContext): NormalizedItem | null {
  const item = withoutControls(parsed);
  const guid = item.guid?.trim() || null;
  const url = itemUrl(item, guid, context.feedUrl);
  const rawSummary = plainText(item.summary) || plainText(item.content);
  const endorsed = endorsement(rawSummary);
  const summaryText = withoutAnnouncePrefix(endorsed.summary);
  const paper = arxivId(url) ?? arxivId(guid);
  const plainTitle = plainText(item.title);
  const arxivTitle = paper ? withoutArxivSuffix(plainTitle) : { title: plainTitle, announce: null };

  // Without a title of its own, an item still needs a link to be worth showing.
  const fallbackTitle = url && (bound(firstSentence(summaryText), MAX_TITLE) || url);
  const title = bound(arxivTitle.title, MAX_TITLE) || fallbackTitle;
  if (!title) return null;

  const html = item.content?.trim() || item.summary?.trim();
  const contentHtml = html ? sanitizeContent(html, context.feedUrl) || null : null;
  const author = bound(plainText(item.author), MAX_AUTHOR) || null;

  return {
    identity: identityOf({ arxivId: paper, guid, url, enclosure: enclosureOf(item, context.feedUrl), title, rawDate: validDate(item.publishedAt) }),
    guid,
    url,
    title,
    summary: bound(summaryText, MAX_SUMMARY),
    contentHtml,
    author,
    arxivId: paper,
    publishedAt: publishedAt(item.publishedAt, context.now),
    points: endorsed.points,
    comments: endorsed.comments,
    arxivAnnounce: paper ? arxivAnnounce(item.announceType, rawSummary, arxivTitle.announce) : null,
  };
}
