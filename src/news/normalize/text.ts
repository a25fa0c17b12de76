import sanitizeHtml from 'sanitize-html';
import { isSimpleMarkup, stripSimpleTags } from './simple-markup.js';

/** Tags after which a reader sees a break; a space keeps "<p>a</p><p>b</p>" from becoming "ab". */
const BLOCK_TAG = /<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|section|article|figure|figcaption|header|footer|dd|dt)\b/gi;

/**
 * Plain text from HTML or text: tags stripped by a real parser (script, style and CDATA content
 * go with them), entities decoded, whitespace collapsed.
 */
export function plainText(html: string | null | undefined): string {
  if (!html) return '';
  const spaced = html.replace(BLOCK_TAG, ' $&');
  const text = isSimpleMarkup(spaced)
    ? stripSimpleTags(spaced)
    : sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} });
  // sanitize-html decodes entities, then re-escapes exactly these three in text; undo that.
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts to at most `max` characters, at a word boundary when there is one nearby, marked with "…". */
export function bound(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  if (lastSpace >= max * 0.6) cut = cut.slice(0, lastSpace);
  // Never leave half of a surrogate pair behind.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

/** The first sentence of a text, or the whole text when it has no sentence end. */
export function firstSentence(text: string): string {
  const match = /^.+?[.!?](?=\s|$)/.exec(text);
  return match ? match[0] : text;
}
