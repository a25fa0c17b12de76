import type { Headline } from './headline.js';

/**
 * What a learned pair model (scripts/train-pairs.mjs, a measurement) reads of two headlines, each in [0, 1]. All from the words
 * they share, each weighed by its rarity (weights.ts), title and URL slug together:
 *   dice      weighted Dice similarity: twice the shared weight over both headlines' weight
 *   contained the shared weight over the lighter headline's: 1 when a short headline is entirely
 *             in the other ("GPT-4" / "OpenAI announces GPT-4")
 *   shared    how many words they share, up to 4
 *   rare      how many shared words are rare (weight ≥ RARE: names, products, numbers), up to 3
 *   apart     hours between them over 48
 */
export const PAIR_FEATURES = ['dice', 'contained', 'shared', 'rare', 'apart'] as const;
export type PairFeatures = Record<(typeof PAIR_FEATURES)[number], number>;

/** A word used by fewer than about one labelled item in 150 (ln 150 ≈ 5). */
export const RARE = 5;

export function pairFeatures(a: Headline, b: Headline, weight: Float64Array, hoursApart: number): PairFeatures {
  const x = a.ids;
  const y = b.ids;
  let shared = 0;
  let common = 0;
  let rare = 0;
  let wa = 0;
  let wb = 0;
  for (let i = 0, j = 0; i < x.length || j < y.length; ) {
    const p = i < x.length ? (x[i] as number) : Number.POSITIVE_INFINITY;
    const q = j < y.length ? (y[j] as number) : Number.POSITIVE_INFINITY;
    if (p === q) {
      const w = weight[p] as number;
      common += 1;
      shared += w;
      wa += w;
      wb += w;
      if (w >= RARE) rare += 1;
      i += 1;
      j += 1;
    } else if (p < q) {
      wa += weight[p] as number;
      i += 1;
    } else {
      wb += weight[q] as number;
      j += 1;
    }
  }
  const lighter = Math.min(wa, wb);
  return {
    dice: wa + wb === 0 ? 0 : (2 * shared) / (wa + wb),
    contained: lighter === 0 ? 0 : shared / lighter,
    shared: Math.min(common, 4) / 4,
    rare: Math.min(rare, 3) / 3,
    apart: Math.min(Math.abs(hoursApart), 48) / 48,
  };
}
