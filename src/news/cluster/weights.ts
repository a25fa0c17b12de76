import { documents, frequencies } from './word-frequencies.js';

/**
 * The weight of each word of a run: its inverse document frequency, ln((N + 1) / (df + 1)), over
 * the labelled feed items of word-frequencies.ts (title and summary) together with the run's own
 * stories (title, slug and summary: `perStory`). A large run (a real day) weighs words by that
 * day's news, so the words everyone uses that day count less, and so does the boilerplate a feed
 * puts in every summary ("The post … appeared first on …"); a small run leans on the stored counts.
 */
export function wordWeights(words: readonly string[], perStory: readonly Int32Array[]): Float64Array {
  const inRun = new Int32Array(words.length);
  for (const ids of perStory) for (const id of ids) inRun[id] = (inRun[id] as number) + 1;
  const n = documents + perStory.length;
  return Float64Array.from(words, (word, id) => Math.log((n + 1) / ((frequencies[word] ?? 0) + (inRun[id] as number) + 1)));
}
