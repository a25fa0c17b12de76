import { longDate } from '../feeds/dates.js';
import { escapeMarkup as esc } from '../feeds/markup.js';
import { conceptLinks, externalLink, fullCardHtml, shortCardHtml } from './card.js';
import { layout, type RenderedPage, type Site } from './layout.js';
import { PageStyles } from './page-styles.js';
import type { BriefStory, BriefView } from './view-models.js';

// Said elsewhere on the page or true of every story shown: a source's weight and the balance of
// publishers are the ranker's business, every story in the brief is about ML, and one publisher is
// the publisher line already.
const unhelpful = [/^from .+, weight [\d.]+$/, /^about machine learning\b/, /^covered by 1 publisher\b/, /^shown from .+ already has \d+ of the \d+$/];

/** The ranker's reasons as a reader reads them: each a sentence, those that tell a reader nothing left out. */
export function reasonsInWords(reasons: string[]): string[] {
  return reasons.filter((r) => r && !unhelpful.some((u) => u.test(r))).map((r) => `${r.charAt(0).toUpperCase()}${r.slice(1)}.`);
}

function alsoCoveredBy(s: BriefStory): string {
  const names = s.alsoCoveredBy.map((a) => externalLink(a.sourceName, a.url));
  if (!names.length) return '';
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  return ` · also covered by ${list}`;
}

function storyHtml(s: BriefStory): string {
  const why = reasonsInWords(s.reasons);
  return [
    `<li class="story" value="${s.rank}">`,
    `<h3>${externalLink(s.title, s.url)}</h3>`,
    `<p class="meta"><span class="publisher">${esc(s.sourceName)}</span>${alsoCoveredBy(s)}</p>`,
    s.summary ? `<p>${esc(s.summary)}</p>` : '',
    why.length ? `<div class="why"><p><strong>Why it matters</strong></p><ul>${why.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></div>` : '',
    s.concepts.length ? `<p class="story-concepts">Concepts: ${conceptLinks(s.concepts)}</p>` : '',
    `</li>`,
  ].join('');
}

function subscribeHtml(): string {
  return `<section class="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">Get the brief by e-mail</h2>
<form method="post" action="/subscribe">
<label for="subscribe-email">E-mail address</label>
<div class="field"><input id="subscribe-email" name="email" type="email" autocomplete="email" required><button type="submit">Subscribe</button></div>
<p class="hint">One e-mail a day; we ask you to confirm first, and every e-mail has a one-click unsubscribe link.</p>
</form>
</section>`;
}

/** `/` and `/daily/YYYY-MM-DD`: the concept of the day in full, four more, the five stories. */
export function renderBriefPage(site: Site, view: BriefView, path: string): RenderedPage {
  const styles = new PageStyles();
  const day = longDate(view.date);
  const pager = [
    view.previous ? `<a rel="prev" href="/daily/${view.previous}">← ${esc(longDate(view.previous))}</a>` : '',
    view.next ? `<a rel="next" href="/daily/${view.next}">${esc(longDate(view.next))} →</a>` : '',
    `<a href="/archive">Archive</a>`,
  ].filter(Boolean);
  const main = [
    `<div class="brief-head"><h1>The brief <span class="date">${esc(day)}</span></h1>`,
    view.preview ? `<p class="note">A preview: this edition is published once today's news is in.</p>` : '',
    `</div>`,
    view.conceptOfTheDay
      ? `<section class="concept-of-the-day" aria-label="Concept of the day"><p class="label">Concept of the day</p>${fullCardHtml(view.conceptOfTheDay, styles, { level: 2, brief: true })}</section>`
      : '',
    view.concepts.length
      ? `<section class="more-concepts" aria-labelledby="more-concepts"><h2 id="more-concepts">More concepts today</h2><div class="grid">${view.concepts.map((c) => shortCardHtml(c, 3)).join('')}</div></section>`
      : '',
    `<section class="stories" aria-labelledby="stories"><h2 id="stories">The stories that matter</h2>`,
    view.stories.length ? `<ol class="story-list">${view.stories.map(storyHtml).join('\n')}</ol>` : '<p>No stories made this edition.</p>',
    `</section>`,
    subscribeHtml(),
    `<nav class="pager" aria-label="Editions">${pager.join(' ')}</nav>`,
  ];
  const first = view.conceptOfTheDay;
  return layout(site, {
    title: path === '/' ? 'mlbrief: today’s ML brief' : `mlbrief: the brief of ${day}`,
    description: first ? `Concept of the day: ${first.name}. ${first.title}` : 'Five ML concepts and the five stories that matter.',
    path,
    main: main.filter(Boolean).join('\n'),
    styles,
    noindex: view.preview,
  });
}
