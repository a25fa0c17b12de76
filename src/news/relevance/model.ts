import type { RelevanceModel } from './score.js';
import trained from './model.json' with { type: 'json' };

/** What scripts/train-relevance.mjs wrote: the weights, and the data and held-out figures they came from. */
export interface TrainedModel extends RelevanceModel {
  cardWords: string[];
  trainedOn: { file: string; sha256: string; concepts: number; items: number; trainItems: number; heldOutItems: number; heldOutPercent: number };
  heldOut: { precision: number; recall: number; tp: number; fp: number; fn: number; tn: number };
}

export const model: TrainedModel = trained as TrainedModel;

/** The words of the concept cards' names and aliases at training time (features.ts). */
export const cardWords: ReadonlySet<string> = new Set(model.cardWords);
