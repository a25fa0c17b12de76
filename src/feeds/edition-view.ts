/** A published (frozen) edition as the feed renderers see it: plain data, no database rows. */
export interface EditionView {
  /** YYYY-MM-DD */
  date: string;
  /** When it was frozen (a preview: when it was built). */
  publishedAt: Date;
  /**
   * True for a preview: today's edition before its news is in, built on request and not stored, so
   * its content may still change. Feeds list stored editions only and leave it out.
   */
  preview?: boolean;
  /** Absolute URL of the edition's JSON, e.g. https://host/daily/2026-11-27 */
  url: string;
  /** Five; the first is the concept of the day. */
  concepts: { slug: string; name: string; title: string; summary: string; url: string }[];
  /** Up to five. */
  stories: {
    rank: number;
    title: string;
    url: string | null;
    summary: string;
    sourceName: string;
    publishedAt: Date;
    coverage: number;
    alsoCoveredBy: { sourceName: string; url: string | null }[];
    reasons: string[];
  }[];
}

export interface SiteInfo {
  baseUrl: string;
  /** "mlbrief daily" */
  title: string;
  description: string;
}

export type EditionStory = EditionView['stories'][number];
export type EditionConcept = EditionView['concepts'][number];

/** The stories in rank order, whatever order the caller built them in. */
export function storiesByRank(edition: EditionView): EditionStory[] {
  return [...edition.stories].sort((a, b) => a.rank - b.rank);
}
