import { escapeMarkup as esc } from '../feeds/markup.js';
import { layout, type RenderedPage, type Site } from './layout.js';
import { PageStyles } from './page-styles.js';

const titles: Record<number, string> = { 400: 'That address is not quite right', 404: 'Nothing here' };

/** A 404 or 400 as a page: what went wrong, in words, and where to go instead. */
export function renderErrorPage(site: Site, status: 400 | 404, message: string, path: string): RenderedPage {
  const main = [
    `<h1>${titles[status]}</h1>`,
    `<p class="lead">${esc(message)}</p>`,
    '<p><a href="/">Today’s brief</a> · <a href="/concepts">The deck</a> · <a href="/archive">The archive</a></p>',
  ];
  return layout(site, { title: `${titles[status]} — mlbrief`, description: message, path, main: main.join('\n'), styles: new PageStyles(), noindex: true });
}
