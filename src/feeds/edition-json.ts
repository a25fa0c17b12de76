import { rfc3339 } from './dates.js';
import type { EditionConcept, EditionView } from './edition-view.js';
import { storiesByRank } from './edition-view.js';

export interface ConceptJson {
  slug: string;
  name: string;
  title: string;
  summary: string;
  url: string;
}

export interface RankedStoryJson {
  rank: number;
  reasons: string[];
  story: {
    title: string;
    url: string | null;
    summary: string;
    source: string;
    publishedAt: string;
    coverage: number;
    alsoCoveredBy: { source: string; url: string | null }[];
  };
}

export interface EditionJson {
  date: string;
  publishedAt: string;
  /** Not stored yet: may still change (see EditionView.preview). */
  preview: boolean;
  url: string;
  conceptOfTheDay: ConceptJson | null;
  concepts: ConceptJson[];
  topStories: RankedStoryJson[];
}

// Built key by key so the serialized field order is the documented one, whatever the input's.
function conceptJson(c: EditionConcept): ConceptJson {
  return { slug: c.slug, name: c.name, title: c.title, summary: c.summary, url: c.url };
}

/** The edition as served at /daily/YYYY-MM-DD: plain JSON data, dates as RFC 3339 strings. */
export function editionJson(e: EditionView): EditionJson {
  const concepts = e.concepts.map(conceptJson);
  return {
    date: e.date,
    publishedAt: rfc3339(e.publishedAt),
    preview: e.preview ?? false,
    url: e.url,
    conceptOfTheDay: concepts[0] ?? null,
    concepts,
    topStories: storiesByRank(e).map((s) => ({
      rank: s.rank,
      reasons: [...s.reasons],
      story: {
        title: s.title,
        url: s.url,
        summary: s.summary,
        source: s.sourceName,
        publishedAt: rfc3339(s.publishedAt),
        coverage: s.coverage,
        alsoCoveredBy: s.alsoCoveredBy.map((a) => ({ source: a.sourceName, url: a.url })),
      },
    })),
  };
}
