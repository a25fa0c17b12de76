import { cardStoriesHtml, fullCardHtml } from './card.js';
import { layout, type RenderedPage, type Site } from './layout.js';
import { PageStyles } from './page-styles.js';
import type { CardView, StoryLink } from './view-models.js';

/** `/concepts/SLUG`: the whole card. */
export function renderConceptPage(site: Site, card: CardView): RenderedPage {
  return fillConceptPage(conceptPageTemplate(site, card), card.stories);
}

/**
 * A card's page around the place of its stories. Every ingest pass may bring a card new stories;
 * its text, formula and links change only when the card does. So a page rendered again after news
 * is the kept template and a new stories section (views.ts: conceptPageLoader).
 */
export interface ConceptPageTemplate {
  before: string;
  after: string;
  styleHash: string | null;
}

/** Marks the stories' place; no card text can hold it (PostgreSQL text has no NUL character). */
const slot = '\u0000stories\u0000';

export function conceptPageTemplate(site: Site, card: Omit<CardView, 'stories'>): ConceptPageTemplate {
  const styles = new PageStyles();
  const page = layout(site, {
    title: `${card.name} — mlbrief`,
    description: card.summary,
    path: `/concepts/${card.slug}`,
    main: fullCardHtml({ ...card, stories: [] }, styles, { level: 1, storiesSlot: slot }),
    styles,
  });
  const at = page.html.indexOf(slot);
  return { before: page.html.slice(0, at), after: page.html.slice(at + slot.length), styleHash: page.styleHash };
}

export function fillConceptPage(template: ConceptPageTemplate, stories: StoryLink[]): RenderedPage {
  // The stories section adds no style rules: the template's <style> and its hash stand.
  // h2: the section heading under the page's h1 claim (fullCardHtml at level 1).
  return { html: template.before + cardStoriesHtml(stories, 'h2') + template.after, styleHash: template.styleHash };
}
