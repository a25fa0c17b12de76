import { documents, frequencies } from './word-frequencies.js';

/**
 * The weight of each word of a run: its inverse document frequency, ln((N + 1) / (df + 1)), over
 * the labelled feed items of word-frequencies.ts together with the run's own headlines. A large
 * run (a real day) weighs words by that day's news, so the words everyone uses that day count
 * less; a small one leans on the stored counts.
 */
export function wordWeights(words: readonly string[], perHeadline: readonly Int32Array[]): Float64Array {
  const inRun = new Int32Array(words.length);
  for (const ids of perHeadline) for (const id of ids) inRun[id] = (inRun[id] as number) + 1;
  const n = documents + perHeadline.length;
  return Float64Array.from(words, (word, id) => Math.log((n + 1) / ((frequencies[word] ?? 0) + (inRun[id] as number) + 1)));
}
