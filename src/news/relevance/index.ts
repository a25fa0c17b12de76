/**
 * Is a feed item about machine learning? A small logistic-regression model over title and summary
 * words, trained by scripts/train-relevance.mjs on tests/data/relevance.jsonl. Pure: no database,
 * no network, no clock; the same item always gets the same answer.
 */
import { featuresOf, isConceptFeature, type RelevanceInput } from './features.js';
import { cardWords, model } from './model.js';
import { probability } from './score.js';

export type { RelevanceInput } from './features.js';

/** The decision threshold; at or above it an item is about ML. */
export const RELEVANCE_THRESHOLD: number = model.threshold;

/** In [0, 1]: how likely the item is about machine learning. Deterministic. */
export function relevanceOf(item: RelevanceInput): number {
  return probability(model, featuresOf(item, cardWords));
}

export function isAboutMl(item: RelevanceInput): boolean {
  return relevanceOf(item) >= RELEVANCE_THRESHOLD;
}

/**
 * The words that pushed the decision most towards ML, strongest first, for an explanation
 * ("mentions: transformer, fine-tuning"). A word found in the title and the summary counts once.
 */
export function relevanceEvidence(item: RelevanceInput, max = 3): string[] {
  const byWords = new Map<string, number>();
  for (const [feature, value] of featuresOf(item, cardWords)) {
    const weight = model.weights[feature];
    // Linked concepts are named in a reason of their own ("mentions Dropout").
    if (weight === undefined || weight <= 0 || isConceptFeature(feature)) continue;
    const words = feature.slice(2);
    byWords.set(words, (byWords.get(words) ?? 0) + weight * value);
  }
  const ranked = [...byWords].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const picked: string[] = [];
  for (const [words] of ranked) {
    if (picked.length >= max) break;
    // "language model" already says "language": skip words inside a picked phrase, and the reverse.
    if (picked.some((p) => ` ${p} `.includes(` ${words} `) || ` ${words} `.includes(` ${p} `))) continue;
    picked.push(words);
  }
  return picked;
}
