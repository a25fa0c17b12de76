import type { ConceptSeed } from './seed.schema.js';

/**
 * What a learner could guess a library's quizzes by without knowing the concepts: how often the
 * right answer is the strictly longest choice (by chance about 1 in 4 with four choices), and how
 * often it sits at each position. Written choices drift towards a longer, more careful right
 * answer; this is how the library is kept from teaching "pick the longest".
 */
export interface QuizTells {
  questions: number;
  /** Share of questions whose right answer is longer than every other choice. */
  longestShare: number;
  /** Share of questions whose right answer is shorter than every other choice. */
  shortestShare: number;
  /** Of the four-choice questions, the share answered at each position 0–3. */
  positionShares: number[];
}

export function quizTells(concepts: readonly Pick<ConceptSeed, 'quiz'>[]): QuizTells {
  let questions = 0;
  let longest = 0;
  let shortest = 0;
  const positions = [0, 0, 0, 0];
  for (const concept of concepts) {
    for (const q of concept.quiz ?? []) {
      questions++;
      const right = q.choices[q.answerIndex]!.length;
      const others = q.choices.filter((_, i) => i !== q.answerIndex).map((c) => c.length);
      if (others.every((l) => l < right)) longest++;
      if (others.every((l) => l > right)) shortest++;
      if (q.choices.length === 4) positions[q.answerIndex]!++;
    }
  }
  const fours = positions.reduce((a, b) => a + b, 0);
  return {
    questions,
    longestShare: questions ? longest / questions : 0,
    shortestShare: questions ? shortest / questions : 0,
    positionShares: positions.map((n) => (fours ? n / fours : 0)),
  };
}
