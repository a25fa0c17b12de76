import type { ConceptSeed } from './seed.schema.js';

/** The explanation kinds a published card must cover, counted as distinct kinds. */
export const MIN_EXPLANATION_KINDS = 3;

/**
 * What one published card lacks against the library's standard (issue 20): self-check questions
 * whose answers point into their choices, a link for every reference, and at least three kinds of
 * explanation. Drafts are exempt. Returns one line per problem, each starting with the card's slug.
 */
export function cardStandardProblems(concepts: readonly ConceptSeed[]): string[] {
  const problems: string[] = [];
  for (const c of concepts) {
    if (c.status !== 'published') continue;
    if (c.quiz.length === 0) problems.push(`${c.slug}: no quiz`);
    if (c.quiz.length > 3) problems.push(`${c.slug}: ${c.quiz.length} quiz questions, at most 3`);
    c.quiz.forEach((q, i) => {
      if (!Number.isInteger(q.answerIndex) || q.answerIndex < 0 || q.answerIndex >= q.choices.length) {
        problems.push(`${c.slug}: quiz ${i + 1} answerIndex ${q.answerIndex} out of range for ${q.choices.length} choices`);
      }
    });
    for (const ref of c.references) {
      if (!ref.url) problems.push(`${c.slug}: reference without url "${ref.title}"`);
    }
    const kinds = new Set(c.explanations.map((e) => e.kind)).size;
    if (kinds < MIN_EXPLANATION_KINDS) {
      problems.push(`${c.slug}: fewer than ${MIN_EXPLANATION_KINDS} explanation kinds (${kinds})`);
    }
  }
  return problems;
}
