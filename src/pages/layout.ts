import { escapeMarkup as esc } from '../feeds/markup.js';
import { PageStyles, styleHash } from './page-styles.js';

/** What every page needs from outside: the public origin and where the built assets are served. */
export interface Site {
  /** publicOrigin(config), for canonical and feed links. */
  origin: string;
  /** URL paths of the content-hashed assets (dist/assets/manifest.json). */
  assets: { css: string; katexCss: string; deckJs: string; icon: string };
}

export interface RenderedPage {
  html: string;
  /** The CSP source allowing this page's one <style> element, if it has one. */
  styleHash: string | null;
}

export interface PageParts {
  title: string;
  description: string;
  /** The page's own path, for its canonical link and the current navigation item. */
  path: string;
  main: string;
  styles: PageStyles;
  /** The deck's script; the other pages have none. */
  deck?: boolean;
  /** Search engines skip error pages and previews. */
  noindex?: boolean;
}

const nav: [string, string][] = [
  ['/', 'Today'],
  ['/concepts', 'Deck'],
  ['/archive', 'Archive'],
];

/** A whole HTML document around a page's <main>: no inline script, no request off the origin. */
export function layout(site: Site, p: PageParts): RenderedPage {
  const css = p.styles.css();
  const links = nav
    .map(([href, label]) => `<a href="${href}"${current(p.path, href) ? ' aria-current="page"' : ''}>${label}</a>`)
    .join('');
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${esc(p.title)}</title>`,
    `<meta name="description" content="${esc(p.description)}">`,
    p.noindex ? '<meta name="robots" content="noindex">' : `<link rel="canonical" href="${esc(site.origin + p.path)}">`,
    `<link rel="alternate" type="application/rss+xml" title="mlbrief daily (RSS)" href="${esc(site.origin)}/feed/daily.rss">`,
    `<link rel="alternate" type="application/atom+xml" title="mlbrief daily (Atom)" href="${esc(site.origin)}/feed/daily.atom">`,
    `<link rel="icon" href="${site.assets.icon}" type="image/svg+xml">`,
    `<link rel="stylesheet" href="${site.assets.css}">`,
    p.styles.math ? `<link rel="stylesheet" href="${site.assets.katexCss}">` : '',
    css ? `<style>${css}</style>` : '',
    p.deck ? `<script src="${site.assets.deckJs}" defer></script>` : '',
  ].filter(Boolean);
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
${head.join('\n')}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><a class="brand" href="/">mlbrief</a><nav aria-label="Site">${links}</nav></header>
<main id="main">
${p.main}
</main>
<footer class="site">
<p>Five machine-learning concepts and the five ML stories that matter, every day.</p>
<p><a href="/feed/daily.rss">RSS</a> · <a href="/feed/daily.atom">Atom</a> · <a href="/feed/daily.json">JSON Feed</a> · <a href="/explorer">API explorer</a></p>
</footer>
</body>
</html>
`;
  return { html, styleHash: css ? styleHash(css) : null };
}

function current(path: string, href: string): boolean {
  const bare = path.split('?')[0]!;
  return href === '/' ? bare === '/' : bare === href || bare.startsWith(`${href}/`);
}
