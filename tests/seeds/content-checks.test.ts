import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardStandardProblems } from '../../src/content/seeds/card-standard.js';
import { libraryProblems } from '../../src/content/seeds/library-problems.js';
import { readSeedLibrary } from '../../src/content/seeds/read-seeds.js';
import { arxivProblem, referenceProblems } from '../../src/content/seeds/reference-problems.js';
import { conceptSeed, quizSeed, type ConceptSeed } from '../../src/content/seeds/seed.schema.js';

function card(slug: string, overrides: Partial<Record<keyof ConceptSeed, unknown>> = {}): ConceptSeed {
  return conceptSeed.parse({
    slug,
    name: slug.replace(/-/g, ' '),
    title: `${slug} does something for a reason`,
    summary: 'A summary.',
    difficulty: 'beginner',
    tags: ['t'],
    example: 'An example.',
    explanations: [
      { kind: 'intuition', body: 'x' },
      { kind: 'pitfall', body: 'y' },
    ],
    references: [{ title: `On ${slug}`, authors: 'Someone', year: 2020 }],
    ...overrides,
  });
}

const tags = [{ slug: 't', name: 'T', description: 'A tag for these tests.' }];
const problemsOf = (concepts: ConceptSeed[]) =>
  libraryProblems({ tags, concepts, sources: [] }).filter((p) => !p.startsWith('source card'));

describe('arXiv links', () => {
  it('accept well-formed ids whose year fits the citation', () => {
    expect(arxivProblem('https://arxiv.org/abs/1512.03385', 2016)).toBeNull();
    expect(arxivProblem('https://arxiv.org/abs/1701.04128', 2016)).toBeNull(); // NeurIPS 2016, posted in 2017
    expect(arxivProblem('https://arxiv.org/abs/1412.6980v9', 2015)).toBeNull();
    expect(arxivProblem('https://arxiv.org/pdf/2005.14165.pdf', 2020)).toBeNull();
    expect(arxivProblem('https://arxiv.org/abs/cs/0112017', 2001)).toBeNull();
    expect(arxivProblem('https://doi.org/10.1038/nature14539', 2015)).toBeNull();
  });

  it('refuse malformed ids and years that do not fit', () => {
    expect(arxivProblem('https://arxiv.org/abs/1512.0338', 2016)).toMatch(/digits/);
    expect(arxivProblem('https://arxiv.org/abs/1412.69801', 2015)).toMatch(/digits/);
    expect(arxivProblem('https://arxiv.org/abs/1513.03385', 2016)).toMatch(/month/);
    expect(arxivProblem('https://arxiv.org/abs/15120.3385', 2016)).toMatch(/form/);
    expect(arxivProblem('https://arxiv.org/abs/1512.03385', 2013)).toMatch(/year 2013/);
    expect(arxivProblem('https://arxiv.org/abs/1512.03385', 2018)).toMatch(/year 2018/);
    expect(arxivProblem('https://arxiv.org/abs/1512.03385', 2017)).toBeNull();
  });
});

describe('citations', () => {
  const paper = { title: 'Deep Double Descent: Where Bigger Models and More Data Hurt', authors: 'Nakkiran et al.', url: 'https://arxiv.org/abs/1912.02292' };

  it('are one per paper: the same title with another year or author list is a problem', () => {
    const a = card('a', { references: [{ ...paper, year: 2020 }] });
    expect(referenceProblems([a, card('b', { references: [{ ...paper, year: 2020 }] })])).toEqual([]);
    expect(referenceProblems([a, card('b', { references: [{ ...paper, title: 'Deep double descent — where bigger models and more data hurt', year: 2019 }] })])).toEqual([
      expect.stringMatching(/^b: .*cited as Nakkiran et al\. \(2019\) but a cites it as Nakkiran et al\. \(2020\)/),
    ]);
    expect(referenceProblems([a, card('b', { references: [{ ...paper, authors: 'Nakkiran', year: 2020 }] })])).toHaveLength(1);
  });

  it('refuse a malformed DOI link', () => {
    const bad = card('a', { references: [{ title: 'X', authors: 'Y', year: 2015, url: 'https://doi.org/nature14539' }] });
    expect(referenceProblems([bad])).toEqual([expect.stringMatching(/malformed DOI/)]);
  });
});

describe('aliases', () => {
  it('never name another card or belong to two cards', () => {
    const ppo = card('proximal-policy-optimization', { name: 'Proximal policy optimization', aliases: ['PPO', 'TRPO'] });
    const trpo = card('trust-region-policy-optimization', { name: 'TRPO', aliases: ['trust region policy optimization'] });
    expect(problemsOf([ppo, trpo])).toEqual(['proximal-policy-optimization: alias "TRPO" is the name of trust-region-policy-optimization']);
    const adam = card('adam', { aliases: ['adaptive moments'] });
    const other = card('other', { aliases: ['Adaptive Moments'] });
    expect(problemsOf([adam, other])).toEqual(['other: alias "Adaptive Moments" is also an alias of adam']);
    expect(problemsOf([adam, card('other')])).toEqual([]);
  });
});

describe('quiz questions', () => {
  const question = { question: 'Q?', choices: ['a', 'b', 'c'], answerIndex: 2, explanation: 'c because.' };

  it('point into their choices, which differ', () => {
    expect(quizSeed.safeParse(question).success).toBe(true);
    expect(quizSeed.safeParse({ ...question, answerIndex: 3 }).success).toBe(false);
    expect(quizSeed.safeParse({ ...question, answerIndex: -1 }).success).toBe(false);
    expect(quizSeed.safeParse({ ...question, choices: ['a', 'b', 'A'] }).success).toBe(false);
    expect(quizSeed.safeParse({ ...question, choices: ['a', 'b'], answerIndex: 0 }).success).toBe(false);
  });

  it('are at most three per card', () => {
    expect(() => card('a', { quiz: [question, question, question] })).not.toThrow();
    expect(() => card('a', { quiz: [question, question, question, question] })).toThrow();
  });
});

describe('the card standard', () => {
  const question = { question: 'Q?', choices: ['a', 'b', 'c'], answerIndex: 0, explanation: 'a because.' };
  const complete = (slug: string, overrides: Partial<Record<keyof ConceptSeed, unknown>> = {}) =>
    card(slug, {
      quiz: [question],
      explanations: [
        { kind: 'intuition', body: 'x' },
        { kind: 'pitfall', body: 'y' },
        { kind: 'example', body: 'z' },
      ],
      references: [{ title: `On ${slug}`, authors: 'Someone', year: 2020, url: 'https://doi.org/10.1000/x' }],
      ...overrides,
    });

  it('names each thing a published card lacks', () => {
    expect(cardStandardProblems([complete('a')])).toEqual([]);
    expect(cardStandardProblems([complete('a', { quiz: [] })])).toEqual(['a: no quiz']);
    expect(cardStandardProblems([complete('a', { references: [{ title: 'T', authors: 'A', year: 2020 }] })])).toEqual([
      'a: reference without url "T"',
    ]);
    expect(cardStandardProblems([card('a', { quiz: [question], references: [{ title: 'T', authors: 'A', year: 2020, url: 'https://doi.org/10.1/x' }] })])).toEqual([
      'a: fewer than 3 explanation kinds (2)',
    ]);
    const outOfRange = complete('a');
    outOfRange.quiz[0]!.answerIndex = 3; // the schema refuses this; the check must not rely on it
    expect(cardStandardProblems([outOfRange])).toEqual(['a: quiz 1 answerIndex 3 out of range for 3 choices']);
  });

  it('leaves drafts alone', () => {
    expect(cardStandardProblems([card('a', { status: 'draft' })])).toEqual([]);
  });

  it('holds for every published card in seeds/', async () => {
    const library = await readSeedLibrary(path.resolve(import.meta.dirname, '../../seeds'));
    expect(cardStandardProblems(library.concepts)).toEqual([]);
  });
});
