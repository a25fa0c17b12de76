import type { EditionView } from '../feeds/edition-view.js';
import type { EditionRow } from './build.js';
import { isPreview } from './reading.js';

/** The frozen snapshot as the renderers' input: absolute links built from the server's base URL. */
export function editionView(edition: EditionRow, baseUrl: string): EditionView {
  const c = edition.content;
  return {
    date: edition.date,
    publishedAt: edition.publishedAt,
    preview: isPreview(edition),
    url: `${baseUrl}/daily/${edition.date}`,
    concepts: c.concepts.map((k) => ({ slug: k.slug, name: k.name, title: k.title, summary: k.summary, url: `${baseUrl}/concepts/${k.slug}` })),
    stories: c.stories.map((s) => ({
      rank: s.rank,
      title: s.title,
      url: s.url,
      summary: s.summary,
      sourceName: s.sourceName,
      publishedAt: new Date(s.publishedAt),
      coverage: s.coverage,
      alsoCoveredBy: s.alsoCoveredBy.map((a) => ({ sourceName: a.sourceName, url: a.url })),
      reasons: s.reasons,
    })),
  };
}
