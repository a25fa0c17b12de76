/**
 * What the reader's pages are rendered from: plain data, no database rows. The routes
 * (src/http/pages/) build these; the renderers in this folder only turn them into HTML.
 */

export type Difficulty = 'beginner' | 'intermediate' | 'advanced';

export interface ConceptLink {
  slug: string;
  name: string;
}

/** A concept as a short card: name, its claim and one sentence. */
export interface ConceptSummary extends ConceptLink {
  /** The claim: what it does and why. */
  title: string;
  summary: string;
  difficulty?: Difficulty;
}

export interface TagLink {
  slug: string;
  name: string;
}

export interface StoryLink {
  title: string;
  url: string | null;
  sourceName: string;
  publishedAt: Date;
}

/** A whole concept card. */
export interface CardView extends ConceptSummary {
  difficulty: Difficulty;
  tags: TagLink[];
  formula: { latex: string; unicode: string } | null;
  example: string;
  image: { url: string; alt: string; credit: string; license: string; sourceUrl: string | null } | null;
  /** In the card's order; bodies are Markdown. */
  explanations: { kind: string; body: string }[];
  references: { title: string; authors: string; year: number; url?: string | undefined }[];
  /** Self-check questions; answerIndex is 0-based into choices. */
  quiz: { question: string; choices: string[]; answerIndex: number; explanation: string }[];
  /** The card's diagram, served from this origin. */
  diagram: { url: string; alt: string } | null;
  related: ConceptLink[];
  prerequisites: ConceptLink[];
  /** The newest stories that mention it. */
  stories: StoryLink[];
}

export interface BriefStory {
  rank: number;
  title: string;
  url: string | null;
  summary: string;
  sourceName: string;
  alsoCoveredBy: { sourceName: string; url: string | null }[];
  reasons: string[];
  /** Concepts the story mentions that have a card. */
  concepts: ConceptLink[];
}

/** One edition as a page: `/` (the newest) and `/daily/YYYY-MM-DD`. */
export interface BriefView {
  date: string;
  /** Today's edition before its news is in: built on request, may still change. */
  preview: boolean;
  /** The concept of the day as a whole card (null only when the library is empty). */
  conceptOfTheDay: CardView | null;
  /** The other four. */
  concepts: ConceptSummary[];
  stories: BriefStory[];
  /** The dates of the editions before and after it, where there are some. */
  previous?: string | undefined;
  next?: string | undefined;
}

/** A card in the deck: the claim on the front, the explanation on the back. */
export interface DeckCard extends ConceptSummary {
  difficulty: Difficulty;
  tags: TagLink[];
  formula: { latex: string; unicode: string } | null;
  /** The first explanation (Markdown), usually the intuition. */
  explanation: { kind: string; body: string } | null;
}

export interface DeckView {
  cards: DeckCard[];
  /** 1-based. */
  page: number;
  pageCount: number;
  total: number;
  filter: { tag?: string | undefined; difficulty?: Difficulty | undefined };
  /** Every tag, for the filter. */
  tags: TagLink[];
}

export interface TagView {
  tag: TagLink & { description: string };
  concepts: ConceptSummary[];
}

export interface ArchiveView {
  editions: { date: string; conceptOfTheDay: ConceptLink | null; topStory: string | null }[];
  /** The `before` cursor of the next (older) page, when there is one. */
  older?: string | undefined;
  /** Whether this is a later page (a link back to the newest). */
  paged: boolean;
}
