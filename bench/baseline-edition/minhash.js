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
function fmix32(value) {
    let h = value >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
}
function fnv1a(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i += 1)
        h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h >>> 0;
}
/** One fixed seed per hash function, so signatures are the same in every run. */
const SEEDS = Array.from({ length: HASHES }, (_, i) => fmix32(0x9e3779b9 + i));
export function signature(shingles) {
    const mins = new Uint32Array(HASHES).fill(0xffffffff);
    for (const shingle of shingles) {
        const base = fnv1a(shingle);
        for (let i = 0; i < HASHES; i += 1) {
            const h = fmix32(base ^ SEEDS[i]);
            if (h < mins[i])
                mins[i] = h;
        }
    }
    return mins;
}
/** Buckets up to this size are expanded into all pairs; larger ones are linked linearly. */
const MAX_BUCKET_PAIRWISE = 64;
/** Calls `visit` for the candidate pairs among one bucket's members (ascending indexes). */
function visitBucket(members, visit) {
    if (members.length <= MAX_BUCKET_PAIRWISE) {
        for (let a = 0; a < members.length; a += 1) {
            for (let b = a + 1; b < members.length; b += 1)
                visit(members[a], members[b]);
        }
    }
    else {
        // A crowded bucket (thousands of near-identical headlines, e.g. a paper firehose) would be
        // quadratic and can exhaust memory: link each member to the first and to its predecessor
        // instead. Union-find still joins a run of near-duplicates; a true pair whose members
        // match neither anchor can be missed, only in buckets this crowded.
        for (let i = 1; i < members.length; i += 1) {
            visit(members[0], members[i]);
            if (i > 1)
                visit(members[i - 1], members[i]);
        }
    }
}
/**
 * Calls `visit(i, j)` (i < j) for every pair of signatures that agree on at least one whole band;
 * a pair that agrees on several bands is visited once for each.
 *
 * Per band, an open-addressing table keyed by the band's two values (both compared, so exact)
 * numbers the buckets in the order they are first seen, and a counting sort lays out each
 * bucket's members in index order: typed arrays reused across bands, not a map and an array per key.
 */
export function forEachCandidatePair(signatures, visit) {
    const n = signatures.length;
    const mask = 2 ** Math.ceil(Math.log2(2 * n + 2)) - 1; // at most half full
    const table = new Int32Array(mask + 1);
    const firstOf = new Uint32Array(n);
    const secondOf = new Uint32Array(n);
    const bucketOf = new Int32Array(n);
    const starts = new Int32Array(n + 1);
    const members = new Int32Array(n);
    for (let band = 0; band < HASHES / ROWS; band += 1) {
        const row = band * ROWS;
        table.fill(-1);
        let buckets = 0;
        for (let index = 0; index < n; index += 1) {
            const sig = signatures[index];
            const first = sig[row];
            const second = sig[row + 1];
            for (let slot = fmix32(first ^ Math.imul(second, 0x9e3779b1)) & mask;; slot = (slot + 1) & mask) {
                const bucket = table[slot];
                if (bucket === -1) {
                    table[slot] = buckets;
                    firstOf[buckets] = first;
                    secondOf[buckets] = second;
                    bucketOf[index] = buckets;
                    buckets += 1;
                    break;
                }
                if (firstOf[bucket] === first && secondOf[bucket] === second) {
                    bucketOf[index] = bucket;
                    break;
                }
            }
        }
        starts.fill(0, 0, buckets + 1);
        for (let index = 0; index < n; index += 1)
            starts[bucketOf[index] + 1] += 1;
        for (let bucket = 0; bucket < buckets; bucket += 1)
            starts[bucket + 1] += starts[bucket];
        const next = starts.slice(0, buckets);
        for (let index = 0; index < n; index += 1)
            members[next[bucketOf[index]]++] = index;
        for (let bucket = 0; bucket < buckets; bucket += 1) {
            if (starts[bucket + 1] - starts[bucket] > 1)
                visitBucket(members.subarray(starts[bucket], starts[bucket + 1]), visit);
        }
    }
}
//# sourceMappingURL=minhash.js.map