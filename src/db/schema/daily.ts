import { sql } from 'drizzle-orm';
import { bigint, check, date, integer, jsonb, pgTable, primaryKey, real, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { stories } from './news.js';

/**
 * What a published edition freezes (editions.content). Dates are ISO strings: it is stored as JSON.
 * Fields added later are optional, so editions frozen before them still read.
 */
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
    /** The representative's publisher (since issue 15). */
    publisher?: string;
    publishedAt: string;
    /** Distinct publishers (before issue 15: distinct sources). */
    coverage: number;
    /** One story per other publisher. */
    alsoCoveredBy: { storyId: number; sourceName: string; publisher?: string; url: string | null }[];
  }[];
}

export const editions = pgTable(
  'editions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** One edition per date: the UNIQUE constraint makes concurrent publishers produce one row. */
    date: date('date', { mode: 'string' }).notNull().unique(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    /** The frozen content: what every reader and feed gets for this date until an admin rebuilds it. */
    content: jsonb('content').$type<EditionSnapshot>().notNull(),
    conceptSlugs: text('concept_slugs').array().notNull(),
    /** Changes whenever the content does: the ETag of everything rendered from it. */
    contentHash: text('content_hash').notNull(),
  },
  (t) => [check('editions_five_concepts', sql`cardinality(${t.conceptSlugs}) <= 5`)],
);

export const editionStories = pgTable(
  'edition_stories',
  {
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    rank: integer('rank').notNull(),
    // RESTRICT: a story in a published edition cannot disappear from under it.
    storyId: bigint('story_id', { mode: 'number' })
      .notNull()
      .references(() => stories.id, { onDelete: 'restrict' }),
    score: real('score').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.editionId, t.rank] }),
    unique('edition_stories_story').on(t.editionId, t.storyId),
    check('edition_stories_rank', sql`${t.rank} between 1 and 5`),
  ],
);
