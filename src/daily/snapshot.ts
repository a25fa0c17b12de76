/** What a published edition freezes (editions.content). Dates are ISO strings: it is stored as JSON. */
export interface EditionSnapshot {
  date: string;
  publishedAt: string;
  window: { start: string; end: string; reachedBackDays: number };
  concepts: { id: number; slug: string; name: string; title: string; summary: string }[];
  stories: {
    rank: number;
    score: number;
    reasons: string[];
    storyId: number;
    title: string;
    url: string | null;
    summary: string;
    sourceId: number;
    sourceName: string;
    publishedAt: string;
    coverage: number;
    alsoCoveredBy: { storyId: number; sourceName: string; url: string | null }[];
  }[];
}
