import MarkdownIt from 'markdown-it';
import { Lru } from '../cache/lru.js';

/**
 * Card text (explanations, examples) is Markdown written by editors. Raw HTML is off, links may
 * only be http(s) or relative (markdown-it's default check), and images are off: every picture a
 * page shows comes from our origin with its credit, never from a URL in the text.
 */
const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).disable(['image', 'html_block', 'html_inline']);

// Headings inside a card would break the page's outline: they read as bold paragraphs.
md.renderer.rules.heading_open = () => '<p><strong>';
md.renderer.rules.heading_close = () => '</strong></p>\n';

// Pages are rendered again whenever the data version moves (every ingest pass), nearly always
// from unchanged card text: each text is rendered once per process, like formulas (math.ts).
// Markdown was half of a concept page's render (0.08 of 0.17 ms, scratch measurement).
const rendered = new Lru<string, string>(4096);

/** Block Markdown → HTML (paragraphs, lists, emphasis, code, links). */
export function markdownHtml(text: string): string {
  let html = rendered.get(text);
  if (html === undefined) rendered.set(text, (html = md.render(text)));
  return html;
}
