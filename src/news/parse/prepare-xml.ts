import { decodeHTMLStrict } from 'entities';
import { ParseError } from '../types.js';

export type XmlFormat = 'rss' | 'atom' | 'rdf';

export interface PreparedXml {
  format: XmlFormat;
  /** xml:base on the root element, which rss-parser does not expose for RSS. */
  rootBase: string | null;
  xml: string;
}

const PROLOG = /\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|(<!DOCTYPE(?:[^[>"']|"[^"]*"|'[^']*'|\[(?:[^\]"']|"[^"]*"|'[^']*')*\])*>))/iy;
const ROOT = /<([A-Za-z_][\w.:-]*)([^>]*)>/y;

/**
 * Checks that the text is a feed document and makes it safe for the XML parser:
 *  - the DOCTYPE is removed, so entity declarations (billion laughs, external entities) never
 *    reach the parser;
 *  - HTML named entities (all of HTML5's, by the `entities` package) become character
 *    references; references to any other entity are dropped, never expanded;
 *  - a bare "&" (common in real feeds, fatal in strict XML) becomes "&amp;";
 *  - in Atom, elements under a prefix bound to the Atom namespace (<a:feed xmlns:a="http://www.w3.org/2005/Atom">)
 *    lose the prefix, as the default namespace would have them;
 *  - in Atom, <published> and <updated> are renamed, because rss-parser rejects the whole feed
 *    when one of them is not a date; we read the renamed elements ourselves;
 *  - in Atom, inline XHTML text constructs (type="xhtml", or Atom 0.3's application/xhtml+xml in
 *    mode="xml") become escaped HTML (type="html"), so their markup survives in document order
 *    (xml2js would otherwise scatter mixed content) and escaped text in them stays text;
 *  - in RSS and RDF, elements under a prefix bound to an RSS namespace (<r:item> with
 *    xmlns:r="http://backend.userland.com/rss2", <rss:item> with the RSS 1.0 namespace) lose the
 *    prefix, and core RSS element names are matched case-insensitively (<TiTlE> → <title>,
 *    <PUBDATE> → <pubDate>), as feedparser does.
 */
export function prepareXml(text: string): PreparedXml {
  let pos = 0;
  let doctype: { start: number; end: number; value: string } | null = null;
  for (;;) {
    PROLOG.lastIndex = pos;
    const m = PROLOG.exec(text);
    if (!m) break;
    if (m[1]) doctype = { start: m.index + m[0].length - m[1].length, end: PROLOG.lastIndex, value: m[1] };
    pos = PROLOG.lastIndex;
  }
  while (/\s/.test(text[pos] ?? '')) pos++;
  if (doctype && /^<!DOCTYPE\s+html\b/i.test(doctype.value)) throw notAFeed('an HTML page');
  ROOT.lastIndex = pos;
  const root = ROOT.exec(text);
  if (!root) {
    if (pos >= text.length) throw notAFeed('an empty document');
    throw text[pos] === '<' ? new ParseError('MALFORMED', 'unreadable XML prolog') : notAFeed('not XML');
  }
  const name = (root[1] ?? '').toLowerCase();
  const colon = name.indexOf(':');
  const local = name.slice(colon + 1);
  const rssPrefixes = prefixesBoundTo(root[2] ?? '', RSS_NAMESPACES);
  const atomPrefixes = prefixesBoundTo(root[2] ?? '', ATOM_NAMESPACES);
  const rssRoot = name === 'rss' || (local === 'rss' && rssPrefixes.has(name.slice(0, colon)));
  const atomRoot = name === 'feed' || (local === 'feed' && atomPrefixes.has(name.slice(0, colon)));
  const format: XmlFormat | null = rssRoot ? 'rss' : atomRoot ? 'atom' : name === 'rdf:rdf' ? 'rdf' : null;
  if (!format) throw notAFeed(local === 'html' ? 'an HTML page' : `a <${root[1]}> document`);

  const rootBase = /\sxml:base\s*=\s*(["'])(.*?)\1/.exec(root[2] ?? '')?.[2] ?? null;
  let body = doctype ? text.slice(0, doctype.start) + text.slice(doctype.end) : text;
  if (format === 'atom') body = xhtmlToHtml(body);
  return { format, rootBase, xml: defuse(body, format, format === 'atom' ? atomPrefixes : rssPrefixes) };
}

/** Namespaces whose elements are plain RSS elements, whatever prefix they are given. */
const RSS_NAMESPACES = new Set([
  'http://backend.userland.com/rss2',
  'http://backend.userland.com/rss',
  'http://blogs.law.harvard.edu/tech/rss',
  'http://purl.org/rss/1.0/',
  'http://my.netscape.com/rdf/simple/0.9/',
]);

const ATOM_NAMESPACES = new Set(['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#']);

/** Prefixes the root element binds to one of `namespaces` (lowercased). */
function prefixesBoundTo(rootAttrs: string, namespaces: ReadonlySet<string>): Set<string> {
  const prefixes = new Set<string>();
  for (const m of rootAttrs.matchAll(/\sxmlns:([\w.-]+)\s*=\s*(["'])(.*?)\2/g)) {
    if (namespaces.has((m[3] ?? '').trim())) prefixes.add((m[1] ?? '').toLowerCase());
  }
  return prefixes;
}

/** Core RSS element names in the case rss-parser expects, by their lowercase spelling. */
const RSS_NAMES = new Map(
  [
    'rss', 'channel', 'item', 'title', 'link', 'description', 'guid', 'pubDate', 'author', 'category',
    'comments', 'enclosure', 'source', 'language', 'copyright', 'lastBuildDate', 'managingEditor',
    'webMaster', 'generator', 'docs', 'ttl', 'image', 'url', 'textInput', 'name',
  ].map((n) => [n.toLowerCase(), n]),
);

const XHTML_CONSTRUCT =
  /<((?:[A-Za-z_][\w.-]*:)?(?:title|subtitle|tagline|summary|content|rights|copyright|info))(\s[^>]*)?>([\s\S]*?)<\/\1\s*>/g;

/**
 * Atom text constructs holding inline XHTML, rewritten as escaped HTML. The wrapping <div> of
 * Atom 1.0, namespace declarations and element prefixes go; CDATA inside becomes escaped text.
 */
function xhtmlToHtml(xml: string): string {
  return xml.replace(XHTML_CONSTRUCT, (whole, tag: string, attrs: string | undefined, inner: string) => {
    const type = /\stype\s*=\s*(["'])(.*?)\1/.exec(attrs ?? '')?.[2]?.toLowerCase();
    const mode = /\smode\s*=\s*(["'])(.*?)\1/.exec(attrs ?? '')?.[2]?.toLowerCase();
    const xhtml = type === 'xhtml' || (type === 'application/xhtml+xml' && (mode === undefined || mode === 'xml'));
    if (!xhtml) return whole;
    let html = inner
      .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, cdata: string) => cdata.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))
      .replace(/\s+xmlns(?::[\w.-]+)?\s*=\s*(["'])[\s\S]*?\1/g, '')
      .replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, '<$1')
      .trim();
    const div = /^<div(?:\s[^>]*)?>([\s\S]*)<\/div>$/.exec(html);
    if (div && !/<div[\s>]/.test(div[1] ?? '')) html = (div[1] ?? '').trim();
    const rest = (attrs ?? '').replace(/\s(?:type|mode)\s*=\s*(["'])[\s\S]*?\1/g, '');
    const escaped = html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return `<${tag}${rest} type="html">${escaped}</${tag}>`;
  });
}

const SKIP_AND_ENTITIES = String.raw`<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&(?:(#\d+|#x[0-9a-fA-F]+)|([A-Za-z_][\w.-]*));|&|`;
/** Atom: the two date elements we rename, and prefixed names (an Atom prefix is dropped). */
const ATOM_TOKENS = new RegExp(
  SKIP_AND_ENTITIES + String.raw`<(\/?)(?:([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*)|(published|updated))(?=[\s>/])`,
  'g',
);
/**
 * RSS and RDF: prefixed names, and names with a capital letter (the only ones that can need a
 * change of case); plain lowercase names are not matched at all, which keeps this pass fast.
 */
const RSS_TOKENS = new RegExp(
  SKIP_AND_ENTITIES + String.raw`<(\/?)(?:([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*)|([a-z_.-]*[A-Z][\w.-]*))(?=[\s>/])`,
  'g',
);

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** `prefixes`: those bound to the format's own namespace, whose elements lose the prefix. */
function defuse(xml: string, format: XmlFormat, prefixes: ReadonlySet<string>): string {
  const atom = format === 'atom';
  return xml.replace(
    atom ? ATOM_TOKENS : RSS_TOKENS,
    (token, charRef?: string, entity?: string, slash?: string, prefix?: string, prefixed?: string, capitalized?: string) => {
      const local = prefixed || capitalized;
      if (charRef) return token;
      if (entity) {
        if (XML_ENTITIES.has(entity)) return token;
        return htmlEntityAsReferences(entity);
      }
      if (token === '&') return '&amp;';
      if (!local) return token;
      const close = slash ?? '';
      if (prefix && !prefixes.has(prefix.toLowerCase())) return token;
      if (atom) return local === 'published' || local === 'updated' ? `<${close}mlbrief-${local}` : `<${close}${local}`;
      const name = RSS_NAMES.get(local.toLowerCase()) ?? local;
      // The RDF root keeps its rdf: prefix; other RSS-namespace elements lose theirs.
      return prefix || name !== local ? `<${close}${name}` : token;
    },
  );
}

/** An HTML5 named entity as numeric character references (some name two code points); '' when unknown. */
function htmlEntityAsReferences(name: string): string {
  const reference = `&${name};`;
  const decoded = decodeHTMLStrict(reference);
  if (decoded === reference) return '';
  let out = '';
  for (const char of decoded) out += `&#${char.codePointAt(0)};`;
  return out;
}

function notAFeed(what: string): ParseError {
  return new ParseError('NOT_A_FEED', `the document is ${what}, not a feed`);
}
