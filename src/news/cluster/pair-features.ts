import { containedIn, type Headline } from './headline.js';

/**
 * What a learned pair model (scripts/train-pairs.mjs, a measurement) reads of two stories, each in
 * [0, 1]. All from the words they share, each weighed by its rarity (weights.ts). From the
 * headlines (title and URL slug together):
 *   dice       weighted Dice similarity: twice the shared weight over both headlines' weight
 *   contained  the shared weight over the lighter headline's: 1 when a short headline is entirely
 *              in the other ("GPT-4" / "OpenAI announces GPT-4")
 *   inside     1 when every word of one headline (two or more) is in the other
 *   shared     how many words they share, up to 4
 *   rare       how many shared words are rare (weight ≥ RARE: names, products, numbers), up to 3
 *   apart      hours between them over 48
 * From the whole stories (headline, slug and the feed's summary), 0 unless both have a summary:
 *   both       1 when both have a summary
 *   story      the same weighted Dice over the whole stories
 *   storyIn    the shared weight over the lighter story's
 *   storyRare  how many rare words the stories share, up to 8
 * And, where at least one has a summary, the share of each headline's weight the other story
 * mentions anywhere (the summarized story's, when only one has a summary):
 *   mentionedMin, mentionedMax
 */
export const PAIR_FEATURES = ['dice', 'contained', 'inside', 'shared', 'rare', 'apart', 'both', 'story', 'storyIn', 'storyRare', 'mentionedMin', 'mentionedMax'] as const;
export type PairFeatures = Record<(typeof PAIR_FEATURES)[number], number>;

/** A word used by fewer than about one labelled item in 150 (ln 150 ≈ 5). */
export const RARE = 5;

/** Weights of two ascending id lists: what they share, each one's total, and how many shared words (and rare ones). */
function overlap(x: Int32Array, y: Int32Array, weight: Float64Array) {
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
  return { shared, common, rare, wa, wb };
}

const dice = (o: ReturnType<typeof overlap>) => (o.wa + o.wb === 0 ? 0 : (2 * o.shared) / (o.wa + o.wb));
const inLighter = (o: ReturnType<typeof overlap>) => (Math.min(o.wa, o.wb) === 0 ? 0 : o.shared / Math.min(o.wa, o.wb));

/** The share of a headline's weight that a story mentions. */
const mentions = (headline: Int32Array, story: Int32Array, weight: Float64Array) => {
  const o = overlap(headline, story, weight);
  return o.wa === 0 ? 0 : o.shared / o.wa;
};

const summarized = (h: Headline) => h.story.length > h.ids.length;

export function pairFeatures(a: Headline, b: Headline, weight: Float64Array, hoursApart: number): PairFeatures {
  const head = overlap(a.ids, b.ids, weight);
  const both = summarized(a) && summarized(b);
  const whole = overlap(a.story, b.story, weight);
  const ab = mentions(a.ids, b.story, weight);
  const ba = mentions(b.ids, a.story, weight);
  // One summary only (Hacker News gives none): how much of the bare headline the summarized story mentions.
  const one = summarized(a) ? ba : summarized(b) ? ab : 0;
  return {
    dice: dice(head),
    contained: inLighter(head),
    inside: containedIn(a.ids, b.ids) || containedIn(b.ids, a.ids) ? 1 : 0,
    shared: Math.min(head.common, 4) / 4,
    rare: Math.min(head.rare, 3) / 3,
    apart: Math.min(Math.abs(hoursApart), 48) / 48,
    both: both ? 1 : 0,
    story: both ? dice(whole) : 0,
    storyIn: both ? inLighter(whole) : 0,
    storyRare: both ? Math.min(whole.rare, 8) / 8 : 0,
    mentionedMin: both ? Math.min(ab, ba) : one,
    mentionedMax: both ? Math.max(ab, ba) : one,
  };
}
