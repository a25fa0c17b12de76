import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { quizTells } from '../../src/content/seeds/quiz-tells.js';
import { readSeedLibrary } from '../../src/content/seeds/read-seeds.js';

const q = (choices: string[], answerIndex: number) => ({ question: 'Q?', choices, answerIndex, explanation: 'E.' });

describe('quiz tells', () => {
  it('counts a right answer longer or shorter than every other choice, and where it sits', () => {
    const tells = quizTells([
      { quiz: [q(['a much longer right answer', 'short', 'brief', 'tiny'], 0), q(['aa', 'b', 'cc', 'dd'], 1)] },
      { quiz: [q(['same', 'same', 'same', 'same'], 3), q(['xx', 'yyyy', 'z'], 2)] },
    ]);
    expect(tells).toEqual({ questions: 4, longestShare: 0.25, shortestShare: 0.5, positionShares: [1 / 3, 1 / 3, 0, 1 / 3] });
  });

  // About 1 in 4 questions would have the right answer longest by chance; 76 % did before the
  // distractors were rewritten (a learner could score most of the deck by length alone).
  it('give nothing away in the library of seeds/: length and position say little about the answer', async () => {
    const library = await readSeedLibrary(path.resolve(import.meta.dirname, '../../seeds'));
    const tells = quizTells(library.concepts);
    expect(tells.questions).toBeGreaterThan(600);
    expect(tells.longestShare).toBeLessThanOrEqual(0.3);
    expect(tells.shortestShare).toBeLessThanOrEqual(0.3);
    for (const share of tells.positionShares) {
      expect(share).toBeGreaterThanOrEqual(0.15);
      expect(share).toBeLessThanOrEqual(0.35);
    }
  });
});
