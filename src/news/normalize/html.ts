import sanitizeHtml from 'sanitize-html';
import { isSimpleMarkup } from './simple-markup.js';
import { resolveUrl } from './url.js';

const ALLOWED_TAGS = [
  'p', 'br', 'a', 'em', 'strong', 'b', 'i', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'img', 'figure', 'figcaption', 'sub', 'sup',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_SCHEMES = new Set(['http:', 'https:']);

/** Absolute URL with an allowed scheme, or undefined so the attribute is dropped. */
function safeUrl(value: string | undefined, base: string, schemes: Set<string>): string | undefined {
  if (value === undefined) return undefined;
  const absolute = resolveUrl(value, base);
  if (absolute === null) return undefined;
  return schemes.has(new URL(absolute).protocol) ? absolute : undefined;
}

/** Replaces (or drops) one attribute in place, so the attribute order of the source is kept. */
function withUrl(attribs: Record<string, string>, name: string, url: string | undefined) {
  const next: Record<string, string> = {};
  for (const [key, value] of Object.entries(attribs)) {
    if (key !== name) next[key] = value;
    else if (url !== undefined) next[key] = url;
  }
  return next;
}

/**
 * Feed HTML reduced to a safe subset. Everything not listed goes, which takes script, style,
 * iframe, object, event handlers and inline styles with it; URLs are resolved against the feed
 * URL first, then checked against a scheme allowlist (no javascript:, no data:).
 */
export function sanitizeContent(html: string, baseUrl: string): string {
  if (isSimpleMarkup(html)) return html.trim(); // what sanitize-html would return for it
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title'],
      th: ['colspan', 'rowspan'],
      td: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: {
          ...withUrl(attribs, 'href', safeUrl(attribs.href, baseUrl, LINK_SCHEMES)),
          rel: 'noopener noreferrer nofollow',
        },
      }),
      img: (tagName, attribs) => ({
        tagName,
        attribs: withUrl(attribs, 'src', safeUrl(attribs.src, baseUrl, IMAGE_SCHEMES)),
      }),
    },
    // An image whose source was refused shows nothing, so it goes entirely.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  }).trim();
}
