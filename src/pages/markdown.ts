import MarkdownIt from 'markdown-it';

/**
 * Card text (explanations, examples) is Markdown written by editors. Raw HTML is off, links may
 * only be http(s) or relative (markdown-it's default check), and images are off: every picture a
 * page shows comes from our origin with its credit, never from a URL in the text.
 */
const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).disable(['image', 'html_block', 'html_inline']);

// Headings inside a card would break the page's outline: they read as bold paragraphs.
md.renderer.rules.heading_open = () => '<p><strong>';
md.renderer.rules.heading_close = () => '</strong></p>\n';

/** Block Markdown → HTML (paragraphs, lists, emphasis, code, links). */
export function markdownHtml(text: string): string {
  return md.render(text);
}
