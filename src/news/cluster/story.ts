import { containedIn, similarity, type Headline } from './headline.js';

/**
 * How strongly two stories tell one event, from their headlines and, where both feeds gave one,
 * their summaries:
 *
 *   headline similarity (headline.ts: weighted Dice, two shared words at least)
 *   + 5/4 · (story similarity − 1/4), when both stories have a summary: the same Dice over each
 *     story's headline, URL slug and summary words, counted above or below what two unrelated
 *     items on one subject share (only above for a newsletter's item: its summary tells other
 *     stories too)
 *   + 3/20 · the lesser share of one headline's weight that the other story mentions anywhere
 *     (when one story has no summary: the share of its headline the summarized story mentions)
 *   + 1/5 if one headline lies entirely inside the other
 *   − 3/20 per day apart (up to 48 hours)
 *
 * Outlets paraphrase a headline but name the same people, products and places in their first
 * paragraph ("Gemini AI will help you play games on Google Play" / "Google revamps its Play Store
 * with AI features"), while two pieces on one subject tell different things below alike headlines
 * ("OpenAI teases updates for ChatGPT Atlas" / "Two days after OpenAI's Atlas, Microsoft relaunches
 * a nearly identical AI browser"). Time counts against: the next day's piece on one subject is more often a
 * development than the same news. Chosen on the three quarters of tests/data/headline-pairs.jsonl
 * not held out (tests/news/cluster/pairs.test.ts), among the choices that merge no more preprints
 * of different papers on the four real days of tests/data/days than headlines alone did: a
 * measure that pays for shared words in abstracts joins papers on one subject.
 */
const STORY = 1.25;
const UNRELATED = 0.25;
const COVERED = 0.15;
const INSIDE = 0.2;
const DRIFT_PER_HOUR = 0.15 / 24;
const MAX_HOURS = 48;

/** The share of a headline's word weight that a story mentions anywhere. */
function covered(headline: Int32Array, story: Int32Array, weight: Float64Array): number {
  let found = 0;
  let total = 0;
  for (let i = 0, j = 0; i < headline.length; i += 1) {
    const x = headline[i] as number;
    const w = weight[x] as number;
    total += w;
    while (j < story.length && (story[j] as number) < x) j += 1;
    if (story[j] === x) found += w;
  }
  return total === 0 ? 0 : found / total;
}

/**
 * The lesser share of one headline that the other story mentions; when only one story has a
 * summary (Hacker News gives none), the share of the bare headline that the summarized story mentions.
 */
function mentioned(a: Headline, b: Headline, weight: Float64Array): number {
  if (summarized(a) === summarized(b)) return Math.min(covered(a.ids, b.story, weight), covered(b.ids, a.story, weight));
  return summarized(a) ? covered(b.ids, a.story, weight) : covered(a.ids, b.story, weight);
}

/** A summary adds words to the story beyond its headline's. */
const summarized = (h: Headline) => h.story.length > h.ids.length;

/** Both similarities (headline, and whole story) at least this: the same piece told again. */
const RETOLD = 0.5;

/**
 * A story told again: both headlines, and both whole stories (headline, slug and summary), mostly
 * the same words, as when an outlet re-posts or retitles its piece days later ("… Tackles a
 * Massive Problem With Photos" / "… Tackles a Massive Photo Problem", summary unchanged). Only
 * such stories are compared beyond the clustering window (index.ts): one subject's next
 * development shares the headline's words, not the summary's.
 */
export function retold(a: Headline, b: Headline, weight: Float64Array): boolean {
  return summarized(a) && summarized(b) && similarity(a.ids, b.ids, weight) >= RETOLD && similarity(a.story, b.story, weight) >= RETOLD;
}

/** The evidence above for two stories `hoursApart`; clustering merges at DEFAULT_THRESHOLD (index.ts) or more. */
export function eventScore(a: Headline, b: Headline, hoursApart: number, weight: Float64Array): number {
  // The same weighted Dice as headlines', over each story's headline, slug and summary words.
  const story = similarity(a.story, b.story, weight);
  // One word in common is a subject, not an event: no evidence at all.
  if (story === 0) return 0;
  const inside = containedIn(a.ids, b.ids) || containedIn(b.ids, a.ids);
  const summaries = summarized(a) && summarized(b) ? STORY * (story - UNRELATED) : 0;
  return (
    similarity(a.ids, b.ids, weight) +
    // A digest's summary tells other stories besides its lead: it may confirm the lead, not deny it.
    (a.digest || b.digest ? Math.max(0, summaries) : summaries) +
    COVERED * mentioned(a, b, weight) +
    (inside ? INSIDE : 0) -
    DRIFT_PER_HOUR * Math.min(Math.abs(hoursApart), MAX_HOURS)
  );
}
