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

/** A self-check question; `answerIndex` is 0-based into `choices`. */
export interface QuizQuestion {
  question: string;
  choices: string[];
  answerIndex: number;
  explanation: string;
}

/** Any question whose answer is not a whole index into an array of two or more choices. */
const badQuizQuestion =
  '$[*] ? (!(@.question.type() == "string" && @.explanation.type() == "string" && @.choices.type() == "array" && @.choices.size() >= 2' +
  ' && @.answerIndex.type() == "number" && @.answerIndex == @.answerIndex.floor() && @.answerIndex >= 0 && @.answerIndex < @.choices.size()))';

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
    quiz: jsonb('quiz').$type<QuizQuestion[]>().notNull().default([]),
    // The card's SVG diagram (drawn by scripts/draw-diagrams.mjs); served, never sent with the row.
    diagramSvg: text('diagram_svg'),
    diagramAlt: text('diagram_alt'),
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
    check(
      'concepts_quiz_answerable',
      sql`jsonb_typeof(${t.quiz}) = 'array' and jsonb_array_length(${t.quiz}) <= 3 and not jsonb_path_exists(${t.quiz}, ${sql.raw(`'${badQuizQuestion}'`)})`,
    ),
    // A diagram is shown only with its alt text.
    check('concepts_diagram_described', sql`(${t.diagramSvg} is null) = (${t.diagramAlt} is null)`),
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
