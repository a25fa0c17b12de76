import { describe, expect, it } from 'vitest';
import { headline, similarity } from '../../../src/news/cluster/headline.js';
import { eventScore } from '../../../src/news/cluster/story.js';
import { wordWeights } from '../../../src/news/cluster/weights.js';

/** Two stories prepared as clustering prepares a run of two, and their evidence `hours` apart. */
function score(a: [string, string?], b: [string, string?], hours = 0) {
  const words: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (w: string) => ids.get(w) ?? (ids.set(w, words.push(w) - 1), words.length - 1);
  const x = headline(a[0], null, idOf, a[1]);
  const y = headline(b[0], null, idOf, b[1]);
  const weight = wordWeights(words, [x.story, y.story]);
  return { score: eventScore(x, y, hours, weight), headline: similarity(x.ids, y.ids, weight) };
}

const dojo: [string, string] = [
  'Tesla shuts down Dojo, the AI training supercomputer that Musk said would be key to full self-driving',
  'The disbanding of Tesla’s Dojo efforts follows the departure of around 20 workers, who left the automaker to start their own AI company dubbed DensityAI.',
];
const doa: [string, string] = [
  'Tesla’s Dojo supercomputer is DOA — now what?',
  'Bloomberg reported that Tesla CEO Elon Musk has ordered its Dojo supercomputer project to be disbanded after the project’s leader and most of its employees left to join another AI project.',
];

describe('the evidence that two stories tell one event (story.ts)', () => {
  it('counts what the summaries share, beside the headlines (TechCrunch and The Verge, 2025-08)', () => {
    const told = score(dojo, doa);
    const other = score(dojo, [doa[0], 'Our podcast this week: phones, a new car and what we are reading.']);
    expect(told.headline).toBeCloseTo(other.headline, 1);
    expect(told.score - other.score).toBeGreaterThan(0.1);
  });

  it('asks 0.15 more per day apart, up to two days', () => {
    const at = (hours: number) => score(dojo, doa, hours).score;
    expect(at(0) - at(24)).toBeCloseTo(0.15, 10);
    expect(at(24) - at(48)).toBeCloseTo(0.15, 10);
    expect(at(-12)).toBeCloseTo(at(12), 10);
    expect(at(72)).toBeCloseTo(at(48), 10);
  });

  it('adds 0.2 when one headline lies inside the other', () => {
    const inside = score(['Phi-3 System Card'], ['Microsoft publishes the Phi-3 System Card']).score;
    const notInside = score(['Phi-3 System Card Notes'], ['Microsoft publishes the Phi-3 System Card']).score;
    expect(inside - notInside).toBeGreaterThan(0.2);
  });

  it('finds no evidence in one shared word, summaries or not', () => {
    expect(score(['Dropout for transformers'], ['Dropout for CNNs']).score).toBe(0);
    expect(score(['Dropout for transformers', 'A study.'], ['Dropout for CNNs', 'Some results.']).score).toBe(0);
  });
});
