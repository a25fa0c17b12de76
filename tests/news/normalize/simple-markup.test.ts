import sanitizeHtml from 'sanitize-html';
import { describe, expect, it } from 'vitest';
import { sanitizeContent } from '../../../src/news/normalize/html.js';
import { isSimpleMarkup } from '../../../src/news/normalize/simple-markup.js';
import { plainText } from '../../../src/news/normalize/text.js';
import { seededRandom } from '../../support/random.js';

/** plainText as it was before the shortcut: every fragment through sanitize-html. */
function plainTextByParser(html: string): string {
  const BLOCK_TAG = /<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|section|article|figure|figcaption|header|footer|dd|dt)\b/gi;
  const text = sanitizeHtml(html.replace(BLOCK_TAG, ' $&'), { allowedTags: [], allowedAttributes: {} });
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** sanitize-html with sanitizeContent's tag list; simple markup has no attributes or URLs to transform. */
const sanitizedByParser = (html: string) =>
  sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'a', 'em', 'strong', 'b', 'i', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'img', 'figure', 'figcaption', 'sub', 'sup', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'],
    allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'] },
  }).trim();


const SIMPLE = ['p', 'em', 'strong', 'b', 'i', 'code', 'sub', 'sup'];
/** Text the shortcut accepts, among them characters a parser might treat specially. */
const SAFE_TEXT = ['x', 'Word', ' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u0000', 'é', 'Ü', '😀', '\ud800', '\ufeff', '"', "'", '/', '=', ';', '#', '1.5',
  '&amp;', '&lt;', '&gt;', '&amp;lt;', '&amp;amp;'];
const TEXT = [...SAFE_TEXT, '-->', '&quot;', '&#39;', '&copy;', '&copy', '&nbsp;', '&', 'AT&T', '&ampx', '&AMP;', '<', '>', '< b', '<!-- c -->', '<![CDATA[x]]>'];
const TAGS = [...SIMPLE.flatMap((t) => [`<${t}>`, `</${t}>`]), '<br>', '<br/>', '<P>', '</P>', '<p class="c">', '<div>', '</div>', '<li>', '<a href="/x">', '</a>',
  '<script>', '</script>', '<style>', '<img src="x">', '<pre>', '</pre>', '<h1>', '</h1>', '<table>', '<td>', '<textarea>', '<xmp>', '</ p>', '<p >'];

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)]!;
}

/** Well-nested simple markup, the shape the shortcut takes: text, and tags opened and closed in order. */
function nested(next: () => number, depth = 0): string {
  let out = '';
  const parts = 1 + Math.floor(next() * 4);
  for (let i = 0; i < parts; i++) {
    if (depth < 3 && next() < 0.4) {
      // Now and then a <p> inside a <p>, which the parser closes early: no shortcut for that.
      const tag = pick(next, depth === 0 || next() < 0.1 ? SIMPLE : SIMPLE.slice(1));
      out += `<${tag}>${nested(next, depth + 1)}</${tag}>`;
    } else out += pick(next, next() < 0.9 ? SAFE_TEXT : TEXT);
  }
  return out;
}

/** Anything: text, simple and other tags, escapes and stray characters in any order. */
function anything(next: () => number): string {
  return Array.from({ length: Math.floor(next() * 10) }, () => (next() < 0.5 ? pick(next, TEXT) : pick(next, TAGS))).join('');
}

describe('the sanitize-html shortcut for simple markup', () => {
  const next = seededRandom(7);
  const fragments = [
    ...Array.from({ length: 3000 }, () => nested(next)),
    ...Array.from({ length: 3000 }, () => anything(next)),
    '', ' ', 'Plain title', 'a > b', 'x <p>y</p> z', '<p>a</p><p>b</p>', '<p><b>a</b></p>', '<p><p>a</p></p>', '<b><p>a</p></b>', '<b>unclosed', 'closed</b>',
  ];

  it('takes the shortcut for plain text and bare nested tags only', () => {
    const simple = fragments.filter(isSimpleMarkup);
    expect(simple.length).toBeGreaterThan(2000);
    expect(fragments.length - simple.length).toBeGreaterThan(2000);
    for (const html of ['<p class="c">x</p>', '<P>x</P>', '<br>', '<a href="/x">x</a>', 'AT&T', '&quot;', '<p><p>a</p></p>', '<b>a', 'a</b>', '<b><i>a</b></i>']) {
      expect(isSimpleMarkup(html), html).toBe(false);
    }
  });

  it('gives exactly what sanitize-html gives, for text and for safe HTML', () => {
    const textDiffers = fragments.filter((html) => plainText(html) !== plainTextByParser(html));
    const htmlDiffers = fragments.filter((html) => sanitizeContent(html, 'https://example.org/') !== sanitizedByParser(html) && isSimpleMarkup(html));
    expect(textDiffers).toEqual([]);
    expect(htmlDiffers).toEqual([]);
  });
});
