import { escapeMarkup as esc, safeUrl } from '../feeds/markup.js';
import { formulaHtml } from './math.js';
import { markdownHtml } from './markdown.js';
import type { PageStyles } from './page-styles.js';
import type { CardView, ConceptLink, ConceptSummary, StoryLink } from './view-models.js';

const kindLabels: Record<string, string> = {
  intuition: 'Intuition',
  detail: 'In detail',
  example: 'Example',
  math: 'The maths',
  pitfall: 'Pitfall',
  analogy: 'Analogy',
};

export const kindLabel = (kind: string) => kindLabels[kind] ?? kind;

/** `text` linked to an http(s) URL from outside, or plain text when it has none (or a bad one). */
export function externalLink(text: string, url: string | null | undefined): string {
  const href = safeUrl(url);
  return href ? `<a href="${esc(href)}" rel="noopener">${esc(text)}</a>` : esc(text);
}

export const conceptHref = (slug: string) => `/concepts/${slug}`;

export function conceptLinks(concepts: ConceptLink[]): string {
  return concepts.map((c) => `<a href="${conceptHref(c.slug)}">${esc(c.name)}</a>`).join(', ');
}

export interface FullCardOptions {
  /** The heading level of the claim: 1 on the card's own page, 2 inside the brief. */
  level: 1 | 2;
  /** Only the first explanation, no references or links (the brief); every part otherwise. */
  brief?: boolean;
  /** Written where the stories section goes, instead of the section (a page template's slot). */
  storiesSlot?: string;
}

/**
 * A whole concept card. Sections come in reading order: the claim, the picture and the diagram,
 * the formula, the explanations, the example, the self-check questions, then what to read next.
 */
export function fullCardHtml(card: CardView, styles: PageStyles, options: FullCardOptions): string {
  const h = options.level;
  const sub = `h${h + 1}`;
  const explanations = options.brief ? card.explanations.slice(0, 1) : card.explanations;
  const parts = [
    `<header class="card-head">`,
    `<p class="kicker"><a href="${conceptHref(card.slug)}">${esc(card.name)}</a> <span class="badge badge--${card.difficulty}">${card.difficulty}</span></p>`,
    `<h${h} class="claim">${esc(card.title)}</h${h}>`,
    `<p class="summary">${esc(card.summary)}</p>`,
    `</header>`,
    card.image ? imageHtml(card.image) : '',
    card.diagram ? diagramHtml(card.diagram) : '',
    card.formula ? formulaHtml(card.formula, styles) : '',
    ...explanations.map(
      (e) => `<section class="explanation explanation--${esc(e.kind)}"><${sub}>${esc(kindLabel(e.kind))}</${sub}>${markdownHtml(e.body)}</section>`,
    ),
    `<section class="example"><${sub}>Example</${sub}>${markdownHtml(card.example)}</section>`,
    !options.brief && card.quiz.length ? quizHtml(card, sub) : '',
    options.brief ? `<p class="more"><a href="${conceptHref(card.slug)}">The whole card: ${esc(card.name)}</a></p>` : moreHtml(card, sub, options.storiesSlot),
  ];
  return `<article class="card card--full">${parts.join('\n')}</article>`;
}

/**
 * The picture, shown only from our own origin (a page makes no request elsewhere) and only with
 * its credit and licence; a picture still hosted elsewhere is a link to its source instead.
 */
function imageHtml(image: NonNullable<CardView['image']>): string {
  const credit = `${esc(image.credit)}, ${esc(image.license)}`;
  const source = image.sourceUrl ? ` (${externalLink('source', image.sourceUrl)})` : '';
  if (image.url.startsWith('/')) {
    return `<figure class="card-image"><img src="${esc(image.url)}" alt="${esc(image.alt)}" loading="lazy"><figcaption>${credit}${source}</figcaption></figure>`;
  }
  return `<p class="card-image card-image--away">${externalLink(`Picture: ${image.alt}`, image.sourceUrl ?? image.url)}. ${credit}.</p>`;
}

/** The diagram, drawn by the project (scripts/draw-diagrams.mjs) and served from this origin. */
function diagramHtml(diagram: NonNullable<CardView['diagram']>): string {
  return `<figure class="card-diagram"><img src="${esc(diagram.url)}" alt="${esc(diagram.alt)}"></figure>`;
}

const letter = (index: number) => String.fromCharCode(65 + index);

/** Self-check questions: each answer and its explanation open on demand, without script. */
function quizHtml(card: CardView, sub: string): string {
  const questions = card.quiz.map((q) => {
    const choices = q.choices.map((c) => `<li>${esc(c)}</li>`).join('');
    const answer = q.choices[q.answerIndex] ?? '';
    return `<li class="quiz-question"><p class="quiz-prompt">${esc(q.question)}</p>` +
      `<ol class="quiz-choices" type="A">${choices}</ol>` +
      `<details class="quiz-answer"><summary>Show the answer</summary><p><strong>${letter(q.answerIndex)}. ${esc(answer)}</strong></p><p>${esc(q.explanation)}</p></details></li>`;
  });
  return `<section class="quiz"><${sub}>Check yourself</${sub}><ol class="quiz-questions">${questions.join('')}</ol></section>`;
}

function moreHtml(card: CardView, sub: string, slot: string | undefined): string {
  const sections: string[] = [];
  if (card.tags.length) {
    sections.push(`<section class="tags"><${sub}>Tags</${sub}><p>${card.tags.map((t) => `<a class="tag" href="/tags/${t.slug}">${esc(t.name)}</a>`).join(' ')}</p></section>`);
  }
  if (card.prerequisites.length) sections.push(`<section><${sub}>Know first</${sub}><p>${conceptLinks(card.prerequisites)}</p></section>`);
  if (card.related.length) sections.push(`<section><${sub}>Related</${sub}><p>${conceptLinks(card.related)}</p></section>`);
  if (card.references.length) {
    const items = card.references.map((r) => `<li>${externalLink(r.title, r.url)}, ${esc(r.authors)} (${r.year})</li>`);
    sections.push(`<section class="references"><${sub}>References</${sub}><ul>${items.join('')}</ul></section>`);
  }
  // Last, and marked as a slot when the caller fills it in later (concept-page.ts: the stories
  // change with every ingest pass, the rest of the card only when the card does).
  return sections.join('\n') + (slot ?? cardStoriesHtml(card.stories, sub));
}

/** The card's "In the news" section (with the newline that separates it), or nothing when there are no stories. */
export function cardStoriesHtml(stories: StoryLink[], sub: string): string {
  return stories.length ? `\n<section class="stories-of-card"><${sub}>In the news</${sub}><ul>${stories.map(storyLinkHtml).join('')}</ul></section>` : '';
}

function storyLinkHtml(s: StoryLink): string {
  const date = s.publishedAt.toISOString().slice(0, 10);
  return `<li>${externalLink(s.title, s.url)} <span class="meta">${esc(s.sourceName)}, <time datetime="${date}">${date}</time></span></li>`;
}

/** A short card: the name, the claim and one sentence, linking to the whole card. */
export function shortCardHtml(c: ConceptSummary, level: 2 | 3): string {
  const badge = c.difficulty ? ` <span class="badge badge--${c.difficulty}">${c.difficulty}</span>` : '';
  return `<article class="card card--short"><p class="kicker">${esc(c.name)}${badge}</p><h${level} class="claim"><a href="${conceptHref(c.slug)}">${esc(c.title)}</a></h${level}><p class="summary">${esc(c.summary)}</p></article>`;
}
