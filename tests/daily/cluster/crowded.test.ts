import { describe, expect, it } from 'vitest';
import { clusterStories } from '../../../src/daily/cluster/index.js';
import type { CandidateStory } from '../../../src/daily/types.js';

describe('clustering a crowded feed', () => {
  it('handles thousands of near-identical headlines linearly instead of pair by pair', () => {
    const at = new Date('2026-11-26T12:00:00Z');
    const stories: CandidateStory[] = Array.from({ length: 6000 }, (_, i) => ({
      id: i + 1,
      sourceId: 1 + (i % 5),
      sourceName: `s${i % 5}`,
      sourceWeight: 1,
      title: 'Dropout study results for transformers',
      url: `https://x.example.org/${i}`,
      summary: '',
      effectiveAt: at,
      conceptNames: [],
    }));
    // Quadratic pairing of one bucket this size would need 18 million pairs; it used to throw.
    const clusters = clusterStories(stories);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.members).toHaveLength(6000);
    expect(clusters[0]!.sources).toHaveLength(5);
  });
});
