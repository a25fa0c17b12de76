import type { EditionConcept, EditionStory, EditionView } from './edition-view.js';
import { storiesByRank } from './edition-view.js';
import { escapeMarkup as esc, safeUrl } from './markup.js';

/** `text` as a link when `url` is a safe absolute URL, else as plain text. */
export function linkHtml(text: string, url: string | null, attributes = ''): string {
  const href = safeUrl(url);
  return href ? `<a href="${esc(href)}"${attributes}>${esc(text)}</a>` : esc(text);
}

/** "A, B and C", each linked when it has a URL. */
export function alsoCoveredByHtml(story: EditionStory, linkAttributes = ''): string {
  const names = story.alsoCoveredBy.map((s) => linkHtml(s.sourceName, s.url, linkAttributes));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

function conceptHtml(c: EditionConcept): string {
  const summary = c.summary ? `<br>${esc(c.summary)}` : '';
  return `<li><strong>${linkHtml(c.name, c.url)}</strong>: ${esc(c.title)}${summary}</li>`;
}

function storyHtml(s: EditionStory): string {
  const also = s.alsoCoveredBy.length ? ` · also covered by ${alsoCoveredByHtml(s)}` : '';
  const parts = [
    `<strong>${linkHtml(s.title, s.url)}</strong>`,
    `<br><em>${esc(s.sourceName)}</em>${also}`,
    s.summary ? `<br>${esc(s.summary)}` : '',
    s.reasons.length ? `<br>Why: ${esc(s.reasons.join('; '))}` : '',
  ];
  return `<li value="${s.rank}">${parts.join('')}</li>`;
}

/** The body of one feed item: the five concepts and the top stories, as an HTML fragment. */
export function editionHtml(e: EditionView): string {
  const first = e.concepts[0];
  const stories = storiesByRank(e);
  return [
    first ? `<p>Concept of the day: <strong>${linkHtml(first.name, first.url)}</strong>, ${esc(first.title)}</p>` : '',
    '<h2>Concepts</h2>',
    `<ol>${e.concepts.map(conceptHtml).join('')}</ol>`,
    '<h2>Top stories</h2>',
    stories.length ? `<ol>${stories.map(storyHtml).join('')}</ol>` : '<p>No stories made this edition.</p>',
  ].join('\n');
}
