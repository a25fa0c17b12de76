import { type FeatureValue, isCardWordFeature, isGenericFeature } from './features.js';

export interface RelevanceModel {
  bias: number;
  /** The most that generic features may add together, in log-odds, when no specific word supports them: below the threshold by construction. */
  genericCap: number;
  /** The contribution, in log-odds, a specific feature needs before generic words beside it count in full. */
  support: number;
  threshold: number;
  weights: Readonly<Record<string, number>>;
}

/**
 * The model's log-odds for these features. Generic words ("model", "training", "AI") support
 * evidence but never make it: unless some specific feature adds at least `support`, what they add
 * together is capped below the threshold.
 */
export function logOdds(model: RelevanceModel, features: readonly FeatureValue[]): number {
  let specific = 0;
  let generic = 0;
  let supported = false;
  for (const [feature, value] of features) {
    const weight = model.weights[feature];
    if (weight === undefined) continue;
    const contribution = weight * value;
    if (isGenericFeature(feature)) generic += contribution;
    else {
      specific += contribution;
      // Card words are loose ("max", "class" are in some card's name): they add, but support nothing.
      if (contribution >= model.support && !isCardWordFeature(feature)) supported = true;
    }
  }
  return model.bias + specific + (supported ? generic : Math.min(generic, model.genericCap));
}

export function probability(model: RelevanceModel, features: readonly FeatureValue[]): number {
  return 1 / (1 + Math.exp(-logOdds(model, features)));
}
