import Parser from 'rss-parser';
import { ParseError, type ParsedFeed, type ParsedItem } from '../types.js';
import { parseDate } from './dates.js';
import { childBase, resolveHtmlUrls, resolveUrl } from './links.js';
import { prepareXml, type XmlFormat } from './prepare-xml.js';
import { attr, first, str, text } from './xml-nodes.js';

type Raw = Record<string, unknown>;

const keep = (from: string, to: string) => [from, to, { keepArray: true }];
// Raw elements we read ourselves: attributes (xml:base), links, titles, ids, Atom dates.
const FEED_FIELDS = [keep('$', 'attrs'), keep('link', 'rawLinks'), keep('title', 'rawTitle')];
const ITEM_FIELDS = [
  keep('$', 'attrs'),
  keep('link', 'rawLinks'),
  keep('title', 'rawTitle'),
  keep('guid', 'rawGuid'),
  keep('id', 'rawId'),
  keep('author', 'rawAuthor'),
  keep('mlbrief-published', 'published'),
  keep('mlbrief-updated', 'updated'),
  keep('issued', 'issued'),
  keep('modified', 'modified'),
  keep('created', 'created'),
  keep('dc:date', 'dcDate'),
  keep('dcterms:issued', 'dctermsIssued'),
  keep('dcterms:created', 'dctermsCreated'),
  keep('dcterms:modified', 'dctermsModified'),
  keep('media:title', 'mediaTitle'),
  keep('summary', 'rawSummary'),
  keep('content', 'rawContent'),
  keep('arxiv:announce_type', 'announceType'),
];

/** RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom (0.3 and 1.0) through rss-parser's parseString. */
export async function parseXmlFeed(text: string, url: string | null): Promise<ParsedFeed> {
  const prepared = prepareXml(text);
  const parser = new Parser({
    defaultRSS: 2,
    customFields: { feed: FEED_FIELDS as never[], item: ITEM_FIELDS as never[] },
  });
  let output: Raw;
  try {
    output = (await parser.parseString(prepared.xml)) as unknown as Raw;
  } catch (error) {
    // rss-parser assumes a <channel>; a well-formed RSS or RDF document without one has no items.
    if (error instanceof TypeError && prepared.format !== 'atom' && !/<(?:\w+:)?channel[\s>]/.test(prepared.xml)) {
      return { format: prepared.format, title: null, siteUrl: null, items: [] };
    }
    throw toParseError(error);
  }
  return toFeed(output, prepared.format, url, prepared.rootBase);
}

function toParseError(error: unknown): ParseError {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (/not recognized|Unable to parse/i.test(message)) return new ParseError('NOT_A_FEED', message);
  return new ParseError('MALFORMED', `unreadable feed: ${message}`);
}

/**
 * Bases, outermost first (RFC 3986 and XML Base): the feed URL, xml:base on the root (<rss>,
 * <rdf:RDF>), xml:base on <channel> or <feed>, xml:base on the item or entry, xml:base on an Atom
 * <link>. A relative reference (`posts/x`, `?p=4`, `//cdn.example/x`) resolves against the
 * innermost; without any xml:base that is the URL the feed was fetched from, never the feed's
 * own <link>, which names a web page, not the document's base.
 */
function toFeed(out: Raw, format: XmlFormat, url: string | null, rootXmlBase: string | null): ParsedFeed {
  const feedXmlBase = xmlBase(out);
  // In Atom the root is the <feed> element itself, whose attributes rss-parser gives us.
  const docBase = format === 'atom' ? url : childBase(rootXmlBase, url);
  const feedBase = childBase(feedXmlBase, docBase);
  const siteUrl = resolveUrl(pickLink(out.rawLinks, feedBase), feedBase);
  // RDF items are siblings of <channel>, not children.
  const itemBase = format === 'rdf' ? docBase : feedBase;
  const items = Array.isArray(out.items) ? (out.items as Raw[]) : [];
  return {
    format,
    title: base64Text(out.rawTitle) ?? text(out.rawTitle) ?? str(out.title),
    siteUrl,
    items: items.map((item) => toItem(item, format === 'atom', itemBase)),
  };
}

function xmlBase(node: Raw): string | null {
  const attrs = node.attrs as Record<string, unknown> | undefined;
  return typeof attrs?.['xml:base'] === 'string' ? attrs['xml:base'] : null;
}

function toItem(item: Raw, atom: boolean, parentBase: string | null): ParsedItem {
  const base = childBase(xmlBase(item), parentBase);
  const guid = str(item.rawGuid) ?? str(item.rawId) ?? str(item['rdf:about']);
  const permalink = attr(first(item.rawGuid), 'isPermaLink') !== 'false' && /^https?:\/\//i.test(str(item.rawGuid) ?? '');
  const link = pickLink(item.rawLinks, base) ?? (permalink ? str(item.rawGuid) : null);
  const dates = atom
    ? [item.published, item.updated, item.issued, item.created, item.modified, item.dcDate]
    : [item.pubDate, item.dcDate, item.dctermsIssued, item.dctermsCreated, item.dctermsModified];
  // Atom <summary> and <content> may carry an xml:base of their own.
  const summaryBase = atom ? childBase(attr(first(item.rawSummary), 'xml:base'), base) : base;
  const contentBase = atom ? childBase(attr(first(item.rawContent), 'xml:base'), base) : base;
  const summary = atom
    ? (base64Text(item.rawSummary) ?? str(item.summary) ?? str(item.contentSnippet))
    : (str(item.content) ?? str(item['content:encodedSnippet']));
  const content = atom ? (base64Text(item.rawContent) ?? str(item.content)) : str(item['content:encoded']);
  const announceType = str(item.announceType);
  return {
    ...(announceType ? { announceType } : {}),
    guid,
    title: base64Text(item.rawTitle) ?? text(item.rawTitle) ?? str(item.title) ?? str(item.mediaTitle),
    link: resolveUrl(link, base),
    summary: summary === null ? null : resolveHtmlUrls(summary, summaryBase),
    content: content === null ? null : resolveHtmlUrls(content, contentBase),
    author: authorOf(item, atom),
    publishedAt: itemDate(dates),
    ...enclosed(resolveUrl(atom ? enclosureLink(item.rawLinks) : (item.enclosure as { url?: string } | undefined)?.url, base)),
  };
}

/** The enclosure field, present only when there is one (most items have none). */
function enclosed(url: string | null): { enclosure?: string } {
  return url ? { enclosure: url } : {};
}

/** The href of an Atom <link rel="enclosure">. */
function enclosureLink(links: unknown): string | null {
  if (!Array.isArray(links)) return null;
  for (const link of links) if (attr(link, 'rel') === 'enclosure' && attr(link, 'href')) return attr(link, 'href');
  return null;
}

/** Atom 0.3 mode="base64", or an Atom 1.0 type that is neither text nor XML, is base64. */
function base64Text(value: unknown): string | null {
  const node = first(value);
  const type = attr(node, 'type');
  const base64 = attr(node, 'mode') === 'base64' || (!!type && !/^(text|html|xhtml)$|^text\/|xml$/i.test(type));
  const encoded = base64 ? str(node) : null;
  return encoded ? Buffer.from(encoded, 'base64').toString('utf8').trim() || null : null;
}

function authorOf(item: Raw, atom: boolean): string | null {
  const node = first(item.rawAuthor);
  if (atom && node && typeof node === 'object') return text((node as Raw).name) ?? text(node);
  return str(item.creator) ?? text(node);
}

/**
 * The first of the date elements, in order of preference, that holds a date. An element given
 * more than once (invalid, but seen) counts by its last readable value, as in feedparser, where
 * later values overwrite earlier ones.
 */
function itemDate(values: unknown[]): Date | null {
  for (const value of values) {
    const repeated = Array.isArray(value) ? [...value].reverse() : [value];
    for (const one of repeated) {
      const date = parseDate(str(one));
      if (date) return date;
    }
  }
  return null;
}

/**
 * The entry's web page: RSS <link> text, or the Atom <link> with rel="alternate" (or no rel),
 * preferring HTML, resolved against the link's own xml:base. An Atom 0.3 link that gives its URL
 * as text instead of href counts only when its rel is alternate too.
 */
function pickLink(links: unknown, base: string | null = null): string | null {
  if (!Array.isArray(links)) return null;
  const candidates: { href: string; score: number }[] = [];
  for (const link of links) {
    const href = attr(link, 'href');
    const rel = attr(link, 'rel') ?? 'alternate';
    // An enclosure, a license or a "self" link is never the page; that holds for links given as text too.
    if (rel !== 'alternate') continue;
    if (href === null) {
      const value = str(link);
      if (value) candidates.push({ href: value, score: 3 });
      continue;
    }
    const type = attr(link, 'type');
    const own = attr(link, 'xml:base');
    const absolute = own ? resolveUrl(href, childBase(own, base)) : href;
    if (absolute) candidates.push({ href: absolute, score: !type || /html/i.test(type) ? 2 : 1 });
  }
  candidates.sort((a, b) => b.score - a.score);
  return candidates[0]?.href ?? null;
}
