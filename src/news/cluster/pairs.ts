/**
 * Candidate pairs of headlines that share a word, from an inverted index: linear in the number of
 * headlines plus the pairs found, instead of comparing every pair. A word more than `maxPosting`
 * headlines use is not indexed: sharing it alone ("AI", "OpenAI" on a busy day) never makes two
 * headlines alike, since its weight is low; a pair that shares only such words is never proposed.
 */
export const MAX_POSTING = 200;

/** Calls `visit(i, j)` (i < j) once for every pair of headlines sharing an indexed word. */
export function forEachCandidatePair(headlines: readonly Int32Array[], words: number, visit: (i: number, j: number) => void, maxPosting = MAX_POSTING): void {
  const counts = new Int32Array(words + 1);
  for (const ids of headlines) for (const id of ids) counts[id + 1] = (counts[id + 1] as number) + 1;
  const starts = new Int32Array(words + 1);
  for (let w = 0; w < words; w += 1) starts[w + 1] = (starts[w] as number) + (counts[w + 1] as number);
  const postings = new Int32Array(starts[words] as number);
  const next = starts.slice(0, words);
  headlines.forEach((ids, index) => {
    for (const id of ids) postings[next[id]!++] = index;
  });
  // A pair sharing several words is visited once: at the first word they share in id order.
  const seen = new Set<number>();
  for (let w = 0; w < words; w += 1) {
    const from = starts[w] as number;
    const to = starts[w + 1] as number;
    if (to - from < 2 || to - from > maxPosting) continue;
    for (let a = from; a < to; a += 1) {
      for (let b = a + 1; b < to; b += 1) {
        const i = postings[a] as number;
        const j = postings[b] as number;
        const key = i * headlines.length + j;
        if (seen.has(key)) continue;
        seen.add(key);
        visit(i, j);
      }
    }
  }
}
