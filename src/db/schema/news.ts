import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { concepts } from './content.js';

const instant = (name: string) => timestamp(name, { withTimezone: true });

export const sources = pgTable(
  'sources',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    url: text('url').notNull().unique(),
    name: text('name').notNull(),
    siteUrl: text('site_url'),
    weight: real('weight').notNull().default(1),
    /** Set by an operator (`--publisher`, sources.yaml); null: inferred from the site link (news/publisher.ts). */
    publisher: text('publisher'),
    /** Set by an operator (`--kind`, sources.yaml); null: detectedKind, which ingest infers from the items. */
    kind: text('kind', { enum: ['feed', 'aggregator'] }),
    /** `aggregator` when most of the last fetch's items linked to other sites. */
    detectedKind: text('detected_kind', { enum: ['feed', 'aggregator'] }).notNull().default('feed'),
    enabled: boolean('enabled').notNull().default(true),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastFetchedAt: instant('last_fetched_at'),
    lastStatus: text('last_status', { enum: ['ok', 'not_modified', 'error'] }),
    lastHttpStatus: integer('last_http_status'),
    lastError: text('last_error'),
    errorCount: integer('error_count').notNull().default(0),
    /** Backoff: the feed is skipped until then (errors, Retry-After). */
    nextAttemptAt: instant('next_attempt_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
    /**
     * Set when a source is removed while an edition shows one of its stories: the row stays (those
     * stories name it) but it is listed and fetched no more. Removing a source without such stories
     * deletes its row.
     */
    removedAt: instant('removed_at'),
  },
  (t) => [
    check('sources_weight_range', sql`${t.weight} >= 0 and ${t.weight} <= 10`),
    check('sources_url_scheme', sql`${t.url} ~ '^https?://'`),
    check('sources_last_status', sql`${t.lastStatus} in ('ok', 'not_modified', 'error')`),
    check('sources_error_count', sql`${t.errorCount} >= 0`),
    check('sources_kind', sql`${t.kind} in ('feed', 'aggregator')`),
    check('sources_detected_kind', sql`${t.detectedKind} in ('feed', 'aggregator')`),
    check('sources_publisher', sql`length(trim(${t.publisher})) > 0`),
    check('sources_removed_disabled', sql`${t.removedAt} is null or not ${t.enabled}`),
  ],
);

export const stories = pgTable(
  'stories',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    /** guid, canonical link, arXiv id or a hash: what makes an item the same item on every fetch. */
    identity: text('identity').notNull(),
    guid: text('guid'),
    url: text('url'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    contentHtml: text('content_html'),
    author: text('author'),
    arxivId: text('arxiv_id'),
    /** The feed's own date; null when it gave none, or one in the future or absurdly old. */
    publishedAt: instant('published_at'),
    firstSeenAt: instant('first_seen_at').notNull().defaultNow(),
    /** When the story counts (shared/PRODUCT.md): its date, else when it was first fetched. */
    effectiveAt: instant('effective_at')
      .notNull()
      .generatedAlwaysAs(sql`coalesce(published_at, first_seen_at)`),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    /** Reader endorsement an aggregator showed (hnrss points and comments), updated on every fetch. */
    points: integer('points'),
    comments: integer('comments'),
    /** How arXiv announced it when first seen (a replacement is old news); never updated. */
    arxivAnnounce: text('arxiv_announce', { enum: ['new', 'cross', 'replace', 'replace-cross'] }),
    /** Stories about the same event share the id of the cluster's representative story. */
    clusterId: bigint('cluster_id', { mode: 'number' }),
  },
  (t) => [
    index('stories_cluster_idx').on(t.clusterId),
    unique('stories_source_identity').on(t.sourceId, t.identity),
    // Unique (id is) so that story_concepts can keep a copy of effective_at under a foreign key.
    uniqueIndex('stories_effective_at_idx').on(t.effectiveAt, t.id),
    index('stories_url_idx').on(t.url),
    index('stories_source_effective_idx').on(t.sourceId, t.effectiveAt),
    check('stories_endorsement', sql`${t.points} >= 0 and ${t.comments} >= 0`),
    check('stories_arxiv_announce', sql`${t.arxivAnnounce} in ('new', 'cross', 'replace', 'replace-cross')`),
  ],
);

/**
 * Which concepts a story mentions. `effective_at` is the story's, copied so that a concept's
 * newest stories are read from one index (concept, date) in O(page): joined through `stories`,
 * the planner walked every story newest first until it found a page of this concept's (tens of
 * milliseconds per card page at 50k stories). A trigger fills it on insert (migration 0008) and
 * the foreign key carries any change of the story's date.
 */
export const storyConcepts = pgTable(
  'story_concepts',
  {
    storyId: bigint('story_id', { mode: 'number' })
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    conceptId: integer('concept_id')
      .notNull()
      .references(() => concepts.id, { onDelete: 'cascade' }),
    effectiveAt: instant('effective_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storyId, t.conceptId] }),
    // Ascending: read backwards it is 'newest first' (effective_at desc, story_id desc) as the queries order.
    index('story_concepts_concept_effective_idx').on(t.conceptId, t.effectiveAt, t.storyId),
    foreignKey({ name: 'story_concepts_story_effective_fk', columns: [t.effectiveAt, t.storyId], foreignColumns: [stories.effectiveAt, stories.id] })
      .onUpdate('cascade')
      .onDelete('cascade'),
  ],
);

export const ingestRuns = pgTable(
  'ingest_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    trigger: text('trigger', { enum: ['schedule', 'cli', 'api'] }).notNull(),
    /** The schedule tick this run serves; UNIQUE, so two workers on one tick make one run. */
    slot: text('slot').unique(),
    status: text('status', { enum: ['running', 'succeeded', 'abandoned'] }).notNull().default('running'),
    startedAt: instant('started_at').notNull().defaultNow(),
    finishedAt: instant('finished_at'),
    sourcesTotal: integer('sources_total').notNull().default(0),
    sourcesFailed: integer('sources_failed').notNull().default(0),
    itemsNew: integer('items_new').notNull().default(0),
  },
  (t) => [
    index('ingest_runs_started_idx').on(t.startedAt),
    check('ingest_runs_trigger', sql`${t.trigger} in ('schedule', 'cli', 'api')`),
    check('ingest_runs_status', sql`${t.status} in ('running', 'succeeded', 'abandoned')`),
  ],
);

export const ingestRunSources = pgTable(
  'ingest_run_sources',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => ingestRuns.id, { onDelete: 'cascade' }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['ok', 'not_modified', 'error', 'skipped'] }).notNull(),
    httpStatus: integer('http_status'),
    itemsSeen: integer('items_seen').notNull().default(0),
    itemsNew: integer('items_new').notNull().default(0),
    error: text('error'),
    durationMs: integer('duration_ms').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.sourceId] }),
    check('ingest_run_sources_status', sql`${t.status} in ('ok', 'not_modified', 'error', 'skipped')`),
  ],
);
