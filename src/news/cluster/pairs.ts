/**
 * Candidate pairs of headlines that share a word, from an inverted index: linear in the number of
 * headlines plus the pairs found, instead of comparing every pair. A word used by more than 2% of
 * the run's headlines (and more than 50) is not indexed: sharing it ("AI", "OpenAI" on a busy day)
 * says little, its weight being low; a pair that shares only such words is never proposed.
 */
export const maxPosting = (headlines: number) => Math.max(50, Math.ceil(headlines / 50));

/** Calls `visit(i, j)` (i < j) for every pair of headlines sharing an indexed word, once per such word. */
export function forEachCandidatePair(headlines: readonly Int32Array[], words: number, visit: (i: number, j: number) => void): void {
  const cap = maxPosting(headlines.length);
  const counts = new Int32Array(words + 1);
  for (const ids of headlines) for (const id of ids) counts[id + 1] = (counts[id + 1] as number) + 1;
  const starts = new Int32Array(words + 1);
  for (let w = 0; w < words; w += 1) starts[w + 1] = (starts[w] as number) + (counts[w + 1] as number);
  const postings = new Int32Array(starts[words] as number);
  const next = starts.slice(0, words);
  headlines.forEach((ids, index) => {
    for (const id of ids) postings[next[id]!++] = index;
  });
  // A pair sharing several words is visited once for each: cheaper than remembering every pair.
  for (let w = 0; w < words; w += 1) {
    const from = starts[w] as number;
    const to = starts[w + 1] as number;
    if (to - from < 2 || to - from > cap) continue;
    for (let a = from; a < to; a += 1) {
      for (let b = a + 1; b < to; b += 1) {
        visit(postings[a] as number, postings[b] as number);
      }
    }
  }
}
