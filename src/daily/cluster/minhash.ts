/**
 * MinHash signatures and LSH banding: candidate pairs of similar shingle sets in time linear in
 * the number of sets (plus the pairs found), instead of comparing every pair.
 *
 * 128 hash functions in 64 bands of 2 rows: two sets with Jaccard similarity J share a band with
 * probability 1 − (1 − J²)^64 — 0.99999 at J = 0.42, the clustering threshold, so candidates are
 * practically never lost; 0.47 at J = 0.1, so the exact Jaccard check that follows does the
 * rejecting. Favouring recall is deliberate: a missed pair shows the same story twice.
 */

export const HASHES = 128;
const ROWS = 2;

/** Murmur3's finalizer: a bijection on 32-bit integers that mixes every input bit. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** One fixed seed per hash function, so signatures are the same in every run. */
const SEEDS = Array.from({ length: HASHES }, (_, i) => fmix32(0x9e3779b9 + i));

export function signature(shingles: Iterable<string>): Uint32Array {
  const mins = new Uint32Array(HASHES).fill(0xffffffff);
  for (const shingle of shingles) {
    const base = fnv1a(shingle);
    for (let i = 0; i < HASHES; i += 1) {
      const h = fmix32(base ^ (SEEDS[i] as number));
      if (h < (mins[i] as number)) mins[i] = h;
    }
  }
  return mins;
}

/** Index pairs [i, j] (i < j) whose signatures agree on at least one whole band, each once. */
/** Buckets up to this size are expanded into all pairs; larger ones are linked linearly. */
const MAX_BUCKET_PAIRWISE = 64;

export function candidatePairs(signatures: readonly Uint32Array[]): Array<[number, number]> {
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const n = signatures.length;
  const add = (a: number, b: number) => {
    const key = a * n + b;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push([a, b]);
  };
  for (let band = 0; band < HASHES / ROWS; band += 1) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((sig, index) => {
      const key = Array.from(sig.subarray(band * ROWS, (band + 1) * ROWS)).join(':');
      const bucket = buckets.get(key);
      if (bucket) bucket.push(index);
      else buckets.set(key, [index]);
    });
    for (const bucket of buckets.values()) {
      if (bucket.length <= MAX_BUCKET_PAIRWISE) {
        for (let a = 0; a < bucket.length; a += 1) {
          for (let b = a + 1; b < bucket.length; b += 1) add(bucket[a]!, bucket[b]!);
        }
      } else {
        // A crowded bucket (thousands of near-identical headlines, e.g. a paper firehose) would be
        // quadratic and can exhaust memory: link each member to the first and to its predecessor
        // instead. Union-find still joins a run of near-duplicates; a true pair whose members
        // match neither anchor can be missed, only in buckets this crowded.
        for (let i = 1; i < bucket.length; i += 1) {
          add(bucket[0]!, bucket[i]!);
          if (i > 1) add(bucket[i - 1]!, bucket[i]!);
        }
      }
    }
  }
  return pairs;
}
