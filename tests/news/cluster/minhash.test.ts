import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD } from '../../../src/news/cluster/index.js';
import { forEachCandidatePair, signature } from '../../../src/news/cluster/minhash.js';
import { jaccard } from '../../../src/news/cluster/shingles.js';
import { seededRandom } from '../../support/random.js';


/** Headline-sized shingle sets: 200 bases, each with a few variants sharing most of its words. */
function sets(): Set<string>[] {
  const next = seededRandom(42);
  const word = () => `w${Math.floor(next() * 3000)}`;
  const result: Set<string>[] = [];
  for (let base = 0; base < 200; base += 1) {
    const words = Array.from({ length: 6 + Math.floor(next() * 6) }, word);
    for (let variant = 0; variant < 3; variant += 1) {
      const changed = words.map((w) => (next() < 0.25 ? word() : w));
      result.push(new Set([...changed, ...changed.slice(1).map((w, i) => `${changed[i]} ${w}`)]));
    }
  }
  return result;
}

/** Index pairs [i, j] (i < j) whose signatures agree on at least one whole band, each once. */
function candidatePairs(signatures: readonly Uint32Array[]): Array<[number, number]> {
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  forEachCandidatePair(signatures, (a, b) => {
    const key = a * signatures.length + b;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push([a, b]);
  });
  return pairs;
}

describe('MinHash with LSH banding', () => {
  const all = sets();
  const signatures = all.map((s) => signature(s));
  const candidates = candidatePairs(signatures);
  const found = new Set(candidates.map(([i, j]) => `${i}:${j}`));

  it('finds every pair at or above the threshold that a comparison of all pairs finds', () => {
    const similar: string[] = [];
    for (let i = 0; i < all.length; i += 1) {
      for (let j = i + 1; j < all.length; j += 1) {
        if (jaccard(all[i]!, all[j]!) >= DEFAULT_THRESHOLD) similar.push(`${i}:${j}`);
      }
    }
    expect(similar.length).toBeGreaterThan(100);
    expect(similar.filter((pair) => !found.has(pair))).toEqual([]);
  });

  it('proposes far fewer pairs than all of them', () => {
    const everyPair = (all.length * (all.length - 1)) / 2;
    expect(candidates.length).toBeLessThan(everyPair / 20);
  });

  it('gives the same signature for the same set, whatever the order', () => {
    expect(signature(['a', 'b', 'a b'])).toEqual(signature(['a b', 'b', 'a']));
    expect(candidates.every(([i, j]) => i < j)).toBe(true);
    expect(found.size).toBe(candidates.length);
  });
});
