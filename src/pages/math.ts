import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Lru } from '../cache/lru.js';
import { escapeMarkup as esc } from '../feeds/markup.js';
import type { PageStyles } from './page-styles.js';

interface Typeset {
  html: string;
  /** class name → declarations, for every style attribute the markup had. */
  rules: [string, string][];
}

// Loaded on first use: every `mlbrief` command imports the HTTP app, and only `serve` typesets.
let katex: typeof import('katex').default | undefined;
export const loadKatex = () => (katex ??= createRequire(import.meta.url)('katex') as typeof import('katex').default);

// Formulas repeat across pages (a card, the brief, the deck): typeset each once per process.
const typeset = new Lru<string, Typeset | null>(2048);

/**
 * A display formula typeset by KaTeX on the server (HTML for the eye, MathML for screen readers),
 * its style attributes moved into `styles`; the Unicode form when KaTeX cannot parse the LaTeX.
 */
export function formulaHtml(formula: { latex: string; unicode: string }, styles: PageStyles): string {
  let done = typeset.get(formula.latex);
  if (done === undefined) typeset.set(formula.latex, (done = render(formula.latex)));
  if (!done) return `<p class="formula formula--plain"><code>${esc(formula.unicode)}</code></p>`;
  styles.math = true;
  for (const [name, declarations] of done.rules) styles.add(name, declarations);
  // A wide formula scrolls sideways on a phone: the region takes focus so a keyboard can scroll it too.
  return `<div class="formula" role="group" aria-label="Formula" tabindex="0">${done.html}</div>`;
}

function render(latex: string): Typeset | null {
  let html: string;
  try {
    html = loadKatex().renderToString(latex, { displayMode: true, output: 'htmlAndMathml', throwOnError: true, strict: 'ignore', trust: false });
  } catch {
    return null;
  }
  const rules = new Map<string, string>();
  // KaTeX writes attributes as name="value" with values escaped, so a tag ends at the first '>'.
  const out = html.replace(/<([a-z]+)([^>]*?) style="([^"]*)"/g, (_m, tag: string, attributes: string, style: string) => {
    const name = `k${createHash('sha256').update(style).digest('base64url').slice(0, 8).replace(/[-_]/g, 'x')}`;
    // !important: a style attribute beat every stylesheet rule, and KaTeX's CSS relies on that.
    rules.set(name, style.split(';').filter((d) => d.trim()).map((d) => `${d.trim()}!important`).join(';'));
    const withClass = / class="/.test(attributes) ? attributes.replace(/ class="([^"]*)"/, ` class="$1 ${name}"`) : `${attributes} class="${name}"`;
    return `<${tag}${withClass}`;
  });
  return { html: out, rules: [...rules] };
}
