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

/**
 * Any word's weight: a headline word's from `headline` (wordWeights), and a word first met in a
 * summary, which no headline of the run uses, from the stored counts alone. Summaries are read
 * only for the pairs compared, so their words get ids after the headlines' were weighed.
 */
export function anyWordWeight(words: readonly string[], headline: Float64Array, headlines: number): (id: number) => number {
  const n = documents + headlines;
  const later: number[] = [];
  return (id) => {
    if (id < headline.length) return headline[id] as number;
    return (later[id - headline.length] ??= Math.log((n + 1) / ((frequencies[words[id] as string] ?? 0) + 1)));
  };
}
