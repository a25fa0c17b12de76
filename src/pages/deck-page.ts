import { escapeMarkup as esc } from '../feeds/markup.js';
import { conceptHref, kindLabel } from './card.js';
import { markdownHtml } from './markdown.js';
import { layout, type RenderedPage, type Site } from './layout.js';
import { PageStyles } from './page-styles.js';
import type { DeckCard, DeckView, Difficulty } from './view-models.js';

export const deckPageSize = 100;
export const difficulties: Difficulty[] = ['beginner', 'intermediate', 'advanced'];

/** The deck's query string for a page of its filter ("" for the first page unfiltered). */
export function deckQuery(filter: DeckView['filter'], page: number): string {
  const params = new URLSearchParams();
  if (filter.tag) params.set('tag', filter.tag);
  if (filter.difficulty) params.set('difficulty', filter.difficulty);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

function cardHtml(card: DeckCard): string {
  const back = [
    `<p class="summary">${esc(card.summary)}</p>`,
    // The Unicode form: typeset, a hundred formulas would make the page five times heavier.
    card.formula ? `<p class="formula formula--plain"><code>${esc(card.formula.unicode)}</code></p>` : '',
    card.explanation ? `<div class="explanation"><h3>${esc(kindLabel(card.explanation.kind))}</h3>${markdownHtml(card.explanation.body)}</div>` : '',
    `<p class="more"><a href="${conceptHref(card.slug)}">The whole card: ${esc(card.name)}</a></p>`,
  ];
  return `<li class="deck-card" id="c-${card.slug}" data-slug="${card.slug}"><article class="card">
<p class="kicker">${esc(card.name)} <span class="badge badge--${card.difficulty}">${card.difficulty}</span></p>
<h2 class="claim">${esc(card.title)}</h2>
<div class="back">${back.filter(Boolean).join('')}</div>
</article></li>`;
}

function filterForm(view: DeckView): string {
  const option = (value: string, label: string, selected: boolean) => `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const tags = [option('', 'All tags', !view.filter.tag), ...view.tags.map((t) => option(t.slug, t.name, t.slug === view.filter.tag))];
  const levels = [option('', 'Any difficulty', !view.filter.difficulty), ...difficulties.map((d) => option(d, d, d === view.filter.difficulty))];
  return `<form class="filters" method="get" action="/concepts">
<div><label for="filter-tag">Tag</label><select id="filter-tag" name="tag">${tags.join('')}</select></div>
<div><label for="filter-difficulty">Difficulty</label><select id="filter-difficulty" name="difficulty">${levels.join('')}</select></div>
<button type="submit">Show cards</button>
</form>`;
}

/**
 * `/concepts`: the deck. Without JavaScript it is a paged list of cards; deck.js turns the list
 * into one card at a time (← →, swipe, space or tap to flip) and keeps the reader's place.
 */
export function renderDeckPage(site: Site, view: DeckView): RenderedPage {
  const { page, pageCount } = view;
  const key = deckQuery(view.filter, page) || '?';
  const pager = [
    page > 1 ? `<a rel="prev" href="/concepts${deckQuery(view.filter, page - 1)}">← Previous ${deckPageSize}</a>` : '',
    pageCount > 1 ? `<span>Page ${page} of ${pageCount}</span>` : '',
    page < pageCount ? `<a rel="next" href="/concepts${deckQuery(view.filter, page + 1)}">Next ${deckPageSize} →</a>` : '',
  ].filter(Boolean);
  const main = [
    '<h1>The deck</h1>',
    `<p class="lead">${view.total} cards${view.total > deckPageSize ? `, ${deckPageSize} a page` : ''}. Read the claim, guess why it holds, then flip: <kbd>←</kbd> <kbd>→</kbd> or swipe to move, <kbd>space</kbd> or tap to flip.</p>`,
    filterForm(view),
    view.cards.length
      ? `<div class="deck" data-deck="${esc(key)}">
<p class="deck-progress" aria-live="polite" hidden><progress max="${view.cards.length}" value="1" aria-label="Progress through these cards"></progress> <span class="deck-count"></span></p>
<ol class="deck-cards">
${view.cards.map(cardHtml).join('\n')}
</ol>
<div class="deck-controls" hidden><button type="button" data-deck-action="prev">← Previous</button><button type="button" data-deck-action="flip" aria-pressed="false">Flip</button><button type="button" data-deck-action="next">Next →</button></div>
</div>`
      : '<p>No card matches these filters.</p>',
    pager.length ? `<nav class="pager" aria-label="Deck pages">${pager.join(' ')}</nav>` : '',
  ];
  return layout(site, {
    title: 'The deck — mlbrief',
    description: 'Machine-learning concepts, one card at a time.',
    path: `/concepts${deckQuery(view.filter, page)}`,
    main: main.filter(Boolean).join('\n'),
    styles: new PageStyles(),
    deck: true,
  });
}
