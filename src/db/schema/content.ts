import { sql, type SQL } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const difficulty = pgEnum('difficulty', ['beginner', 'intermediate', 'advanced']);
export const contentStatus = pgEnum('content_status', ['published', 'draft']);
export const explanationKind = pgEnum('explanation_kind', [
  'intuition',
  'detail',
  'example',
  'math',
  'pitfall',
  'analogy',
]);
export const relationKind = pgEnum('relation_kind', ['related', 'prerequisite']);

export interface Reference {
  title: string;
  authors: string;
  year: number;
  url?: string | undefined;
}

export const concepts = pgTable(
  'concepts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    difficulty: difficulty('difficulty').notNull(),
    status: contentStatus('status').notNull().default('published'),
    formulaUnicode: text('formula_unicode'),
    formulaLatex: text('formula_latex'),
    example: text('example').notNull(),
    imageUrl: text('image_url'),
    imageAlt: text('image_alt'),
    imageCredit: text('image_credit'),
    imageLicense: text('image_license'),
    imageSourceUrl: text('image_source_url'),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    references: jsonb('references').$type<Reference[]>().notNull().default([]),
    // Lets `mlbrief seed` skip unchanged cards, so seeding twice leaves updated_at alone.
    contentHash: text('content_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        (): SQL => sql`setweight(to_tsvector('english'::regconfig, ${concepts.name}), 'A')
          || setweight(to_tsvector('english'::regconfig, ${concepts.title}), 'A')
          || setweight(to_tsvector('english'::regconfig, ${concepts.summary}), 'B')
          || setweight(to_tsvector('english'::regconfig, ${concepts.example}), 'C')`,
      ),
  },
  (t) => [
    index('concepts_search_idx').using('gin', t.search),
    index('concepts_status_slug_idx').on(t.status, t.slug),
    check('concepts_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('concepts_summary_length', sql`char_length(${t.summary}) <= 200`),
    // An image is shown only with its credit and licence.
    check(
      'concepts_image_credited',
      sql`${t.imageUrl} is null or (${t.imageCredit} is not null and ${t.imageLicense} is not null and ${t.imageAlt} is not null)`,
    ),
    check('concepts_formula_pair', sql`(${t.formulaUnicode} is null) = (${t.formulaLatex} is null)`),
  ],
);

export const tags = pgTable('tags', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull(),
});

export const conceptTags = pgTable(
  'concept_tags',
  {
    conceptId: integer('concept_id')
      .notNull()
      .references(() => concepts.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conceptId, t.tagId] }), index('concept_tags_tag_idx').on(t.tagId)],
);

export const explanations = pgTable(
  'explanations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    conceptId: integer('concept_id')
      .notNull()
      .references(() => concepts.id, { onDelete: 'cascade' }),
    kind: explanationKind('kind').notNull(),
    body: text('body').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [unique('explanations_concept_position').on(t.conceptId, t.position)],
);

export const conceptRelations = pgTable(
  'concept_relations',
  {
    conceptId: integer('concept_id')
      .notNull()
      .references(() => concepts.id, { onDelete: 'cascade' }),
    relatedId: integer('related_id')
      .notNull()
      .references(() => concepts.id, { onDelete: 'cascade' }),
    kind: relationKind('kind').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conceptId, t.kind, t.relatedId] }),
    index('concept_relations_related_idx').on(t.relatedId),
    check('concept_relations_not_self', sql`${t.conceptId} <> ${t.relatedId}`),
  ],
);
