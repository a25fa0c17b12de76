import { z } from 'zod';

/** The shape of `seeds/tags.yaml` and `seeds/concepts/**\/*.yaml`; see seeds/README.md. */

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');

export const difficulties = ['beginner', 'intermediate', 'advanced'] as const;
export const explanationKinds = ['intuition', 'detail', 'example', 'math', 'pitfall', 'analogy'] as const;

const text = z.string().trim().min(1, 'must not be empty');

export const tagSeed = z.strictObject({
  slug,
  name: text,
  description: text,
});

export const tagsFile = z.strictObject({ tags: z.array(tagSeed).min(1) });

export const referenceSeed = z.strictObject({
  title: text,
  authors: text,
  year: z.number().int().min(1700).max(2100),
  url: z.url({ protocol: /^https?$/ }).optional(),
});

/** A self-check question answerable from the card; `answerIndex` is 0-based into `choices`. */
export const quizSeed = z
  .strictObject({
    question: text,
    choices: z.array(text).min(3).max(5),
    answerIndex: z.number().int().min(0),
    explanation: text,
  })
  .refine((q) => q.answerIndex < q.choices.length, { message: 'answerIndex must point into choices', path: ['answerIndex'] })
  .refine((q) => new Set(q.choices.map((c) => c.toLowerCase())).size === q.choices.length, {
    message: 'choices must differ',
    path: ['choices'],
  });

export const conceptSeed = z.strictObject({
  slug,
  name: text,
  title: text,
  summary: text.max(200, 'must be at most 200 characters'),
  difficulty: z.enum(difficulties),
  status: z.enum(['published', 'draft']).default('published'),
  tags: z.array(slug).min(1).max(4),
  aliases: z.array(text).default([]),
  formula: z.strictObject({ unicode: text, latex: text }).optional(),
  example: text,
  image: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }),
      alt: text,
      credit: text,
      license: text,
      sourceUrl: z.url({ protocol: /^https?$/ }),
    })
    .optional(),
  explanations: z
    .array(z.strictObject({ kind: z.enum(explanationKinds), body: text }))
    .min(2)
    .refine((list) => new Set(list.map((e) => e.kind)).size >= 2, 'needs at least two different kinds'),
  related: z.array(slug).default([]),
  prerequisites: z.array(slug).default([]),
  references: z.array(referenceSeed).min(1),
  quiz: z.array(quizSeed).max(3).default([]),
});

export type TagSeed = z.infer<typeof tagSeed>;
export type ConceptSeed = z.infer<typeof conceptSeed>;

export const sourceSeed = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  name: text,
  siteUrl: z.url({ protocol: /^https?$/ }).optional(),
  weight: z.number().min(0).max(10).default(1),
  /** The independent publisher; inferred from the site link when absent. */
  publisher: text.optional(),
  /** feed or aggregator; detected from the items when absent. */
  kind: z.enum(['feed', 'aggregator']).optional(),
});

export const sourcesFile = z.strictObject({ sources: z.array(sourceSeed) });

export type SourceSeed = z.infer<typeof sourceSeed>;
