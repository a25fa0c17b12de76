/**
 * Which names and aliases we look for, and how. The cost of a wrong link (a story about GPU
 * pooling filed under Pooling) is higher than that of a missed one, so when in doubt we skip.
 *
 * Never matched, in any case (each concept stays reachable through its longer aliases):
 * - everyday words: attention ("pay attention"), pooling (GPU/resource pooling), bootstrap (startups,
 *   the CSS framework), calibration (sensors, cameras), sharpness, standardization, boosting and
 *   bagging (verbs), momentum ("gains momentum"), delayed updates, draft model (policy drafts);
 * - names that mean something else in the news: Perplexity (the company), Adam (a first name),
 *   Lasso (Ted Lasso), CNN (the broadcaster); words that are mostly not ML in 50,000 items of 2023
 *   tech and news feeds (rumca-js/RSS-Link-Database-2023): circuits (boards, courts), probing
 *   (regulators), confounding, tool use;
 * - generic ML words that would link every story: model, training, learning, data, loss, …
 * Kept on purpose: Transformer, Dropout, Quantization, Overfitting, Embeddings — in ML news the
 * ML sense dominates.
 */
const STOP_WORDS = new Set([
  'attention', 'pooling', 'bootstrap', 'bootstrapping', 'calibration', 'sharpness', 'standardization',
  'boosting', 'bagging', 'momentum', 'delayed updates', 'draft model', 'perplexity', 'adam',
  'model', 'models', 'training', 'learning', 'inference', 'data', 'loss', 'bias', 'variance',
  'network', 'networks', 'search', 'memory', 'reasoning', 'alignment', 'agents', 'scaling',
  'sampling', 'decoding', 'encoding', 'clipping', 'regression', 'classification', 'clustering',
  'optimization', 'generalization', 'normalization', 'distillation', 'embedding', 'transfer',
  'lasso', 'circuits', 'circuit', 'probing', 'confounding', 'tool use',
]);
/** Acronyms with a more common meaning in the news, refused as written: UCB is UC Berkeley. */
const AMBIGUOUS_ACRONYMS = new Set(['UCB', 'CNN']);
/** Words ending in s that are not plurals, so they are not singularized. */
const NOT_PLURAL = /(?:ss|us|is|bayes|series|species)$/i;

export interface Term {
  /** The spelling to look for; plural and singular variants are separate terms. */
  text: string;
  caseSensitive: boolean;
}

/** "Retrieval-augmented generation (RAG)" names two terms; "TD(λ)" (no space) names one. */
function splitParenthetical(value: string): string[] {
  const match = /^(.+?)\s+\(([^()]+)\)$/.exec(value);
  return match ? [match[1] as string, match[2] as string] : [value];
}

/**
 * Short terms, all-caps acronyms and names with a capital inside match only as written: "PPO" is
 * not "ppo" in "opposite", "LoRA", "RoPE" or "ZeRO" are not "lora", "rope" or "zero", and "ReAct",
 * "ComplEx" or "TransE" are not React, "complex" or "trans-e".
 */
function isCaseSensitive(term: string): boolean {
  const letters = term.replace(/[^\p{L}]/gu, '');
  return term.length <= 4 || (letters.length >= 2 && letters === letters.toUpperCase()) || /\p{Ll}\p{Lu}/u.test(term);
}

function usable(term: string, caseSensitive: boolean): boolean {
  if (term.length < 2 || STOP_WORDS.has(term.toLowerCase()) || AMBIGUOUS_ACRONYMS.has(term)) return false;
  // A short all-lowercase term is a word, not an acronym ("lr", "em").
  return !(caseSensitive && term.length <= 4 && !/[\p{Lu}\p{N}]/u.test(term));
}

function singular(term: string): string | null {
  if (!/s$/.test(term) || NOT_PLURAL.test(term)) return null;
  return /(?:s|x|z|ch|sh)es$/.test(term) ? term.slice(0, -2) : term.slice(0, -1);
}

function plural(term: string): string | null {
  if (/(?:ss|x|z|ch|sh)$/.test(term)) return `${term}es`;
  return /\p{L}$/u.test(term) && !/s$/.test(term) ? `${term}s` : null;
}

/** Every spelling a concept is matched by: its name, its aliases, and their plural/singular forms. */
export function termsOf(concept: { name: string; aliases: string[] }): Term[] {
  const terms = new Map<string, Term>();
  for (const written of [concept.name, ...concept.aliases].flatMap(splitParenthetical)) {
    const term = written.replace(/\s+/g, ' ').trim();
    const caseSensitive = isCaseSensitive(term);
    if (!usable(term, caseSensitive)) continue;
    const stem = singular(term);
    const other = stem && usable(stem, caseSensitive) ? stem : plural(term);
    for (const text of other ? [term, other] : [term]) terms.set(text, { text, caseSensitive });
  }
  return [...terms.values()];
}
