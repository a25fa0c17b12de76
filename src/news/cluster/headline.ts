import { headlineTokens, names, numbers, shingles } from './shingles.js';

/** A headline prepared once for comparing with many others. */
export interface Headline {
  tokens: string[];
  shingles: Set<string>;
  /** The shingles as ascending numbers (one per distinct shingle in the run), for sortedJaccard. */
  shingleIds: Int32Array;
  numbers: Set<string>;
  names: Set<string> | null;
}

export function headline(title: string, idOf: (shingle: string) => number): Headline {
  const tokens = headlineTokens(title);
  const set = shingles(tokens);
  return { tokens, shingles: set, shingleIds: Int32Array.from(set, idOf).sort(), numbers: numbers(tokens), names: names(title) };
}

/** Positions of the names in `a` that `b` lacks, with their neighbours. */
function ownNames(a: Headline, b: Headline): Array<{ before?: string; after?: string }> {
  const names = a.names;
  if (names === null) return [];
  return a.tokens.flatMap((token, i) =>
    names.has(token) && !b.tokens.includes(token) ? [{ before: a.tokens[i - 1], after: a.tokens[i + 1] }] : [],
  );
}

/**
 * Identifiers that contradict each other: different version numbers ("Gemini 1.5" / "Gemini 2.0"),
 * or one name put in the place of another ("Claude 3.5 Sonnet" / "Claude 3.5 Haiku": each has a
 * name the other lacks, next to the same word). Word overlap alone rates those pairs as similar as
 * a paraphrase.
 */
export function conflicting(a: Headline, b: Headline): boolean {
  if (a.numbers.size > 0 && b.numbers.size > 0 && ![...a.numbers].some((n) => b.numbers.has(n))) return true;
  const inB = ownNames(b, a);
  return ownNames(a, b).some(
    (x) => inB.some((y) => (x.before !== undefined && x.before === y.before) || (x.after !== undefined && x.after === y.after)),
  );
}
