import { ParseError } from '../types.js';
import { HTML_ENTITIES } from './html-entities.js';

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
 *  - HTML named entities become character references; references to any other entity are
 *    dropped, never expanded;
 *  - a bare "&" (common in real feeds, fatal in strict XML) becomes "&amp;";
 *  - in Atom, <published> and <updated> are renamed, because rss-parser rejects the whole feed
 *    when one of them is not a date; we read the renamed elements ourselves.
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
  const local = name.slice(name.indexOf(':') + 1);
  const format: XmlFormat | null = name === 'rss' ? 'rss' : name === 'feed' ? 'atom' : name === 'rdf:rdf' ? 'rdf' : null;
  if (!format) throw notAFeed(local === 'html' ? 'an HTML page' : `a <${root[1]}> document`);

  const rootBase = /\sxml:base\s*=\s*(["'])(.*?)\1/.exec(root[2] ?? '')?.[2] ?? null;
  const body = doctype ? text.slice(0, doctype.start) + text.slice(doctype.end) : text;
  return { format, rootBase, xml: defuse(body, format === 'atom') };
}

const TOKENS = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&(?:(#\d+|#x[0-9a-fA-F]+)|([A-Za-z_][\w.-]*));|&|<(\/?)(published|updated)(?=[\s>/])/g;

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

function defuse(xml: string, atom: boolean): string {
  return xml.replace(TOKENS, (token, charRef?: string, entity?: string, slash?: string, date?: string) => {
    if (charRef) return token;
    if (entity) {
      if (XML_ENTITIES.has(entity)) return token;
      const code = HTML_ENTITIES.get(entity);
      return code === undefined ? '' : `&#${code};`;
    }
    if (token === '&') return '&amp;';
    if (date) return atom ? `<${slash ?? ''}mlbrief-${date}` : token;
    return token;
  });
}

function notAFeed(what: string): ParseError {
  return new ParseError('NOT_A_FEED', `the document is ${what}, not a feed`);
}
