import { longDate } from '../feeds/dates.js';
import { escapeMarkup as esc } from '../feeds/markup.js';
import { layout, type RenderedPage, type Site } from './layout.js';
import { PageStyles } from './page-styles.js';
import type { ArchiveView } from './view-models.js';

/** `/archive`: past editions, newest first, a page at a time. */
export function renderArchivePage(site: Site, view: ArchiveView): RenderedPage {
  const items = view.editions.map((e) => {
    const concept = e.conceptOfTheDay ? `<span class="meta">Concept of the day: ${esc(e.conceptOfTheDay.name)}</span>` : '';
    const story = e.topStory ? `<span class="meta">Top story: ${esc(e.topStory)}</span>` : '';
    return `<li><a href="/daily/${e.date}"><time datetime="${e.date}">${esc(longDate(e.date))}</time></a>${concept}${story}</li>`;
  });
  const pager = [
    view.paged ? '<a href="/archive">Newest</a>' : '',
    view.older ? `<a rel="next" href="/archive?before=${view.older}">Older editions →</a>` : '',
  ].filter(Boolean);
  const main = [
    '<h1>Archive</h1>',
    items.length ? `<ul class="archive">${items.join('\n')}</ul>` : '<p>No edition has been published yet.</p>',
    pager.length ? `<nav class="pager" aria-label="Archive pages">${pager.join(' ')}</nav>` : '',
  ];
  return layout(site, {
    title: 'Archive — mlbrief',
    description: 'Every past edition of the mlbrief daily brief.',
    path: '/archive',
    main: main.filter(Boolean).join('\n'),
    styles: new PageStyles(),
  });
}
