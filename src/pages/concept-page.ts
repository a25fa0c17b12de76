import { fullCardHtml } from './card.js';
import { layout, type RenderedPage, type Site } from './layout.js';
import { PageStyles } from './page-styles.js';
import type { CardView } from './view-models.js';

/** `/concepts/SLUG`: the whole card. */
export function renderConceptPage(site: Site, card: CardView): RenderedPage {
  const styles = new PageStyles();
  return layout(site, {
    title: `${card.name} — mlbrief`,
    description: card.summary,
    path: `/concepts/${card.slug}`,
    main: fullCardHtml(card, styles, { level: 1 }),
    styles,
  });
}
