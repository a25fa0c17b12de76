import { escapeMarkup as esc } from '../feeds/markup.js';
import { shortCardHtml } from './card.js';
import { layout, type RenderedPage, type Site } from './layout.js';
import { PageStyles } from './page-styles.js';
import type { TagView } from './view-models.js';

/** `/tags/SLUG`: what the tag means and every card that carries it. */
export function renderTagPage(site: Site, view: TagView): RenderedPage {
  const { tag, concepts } = view;
  const main = [
    `<h1>${esc(tag.name)}</h1>`,
    `<p class="lead">${esc(tag.description)}</p>`,
    `<p><a href="/concepts?tag=${tag.slug}">Study these ${concepts.length} cards in the deck</a></p>`,
    `<div class="grid">${concepts.map((c) => shortCardHtml(c, 2)).join('')}</div>`,
  ];
  return layout(site, { title: `${tag.name} — mlbrief`, description: tag.description, path: `/tags/${tag.slug}`, main: main.join('\n'), styles: new PageStyles() });
}
