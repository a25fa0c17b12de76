import { describe, expect, it } from 'vitest';
import { clusterStories } from '../../../src/news/cluster/index.js';
import type { ClusterItem } from '../../../src/news/cluster/types.js';

describe('clustering a crowded feed', () => {
  it('handles thousands of near-identical headlines linearly instead of pair by pair', () => {
    const at = new Date('2026-11-26T12:00:00Z');
    const stories: ClusterItem[] = Array.from({ length: 6000 }, (_, i) => ({
      id: i + 1,
      publisher: `s${i % 5}`,
      aggregator: false,
      selfPost: false,
      sourceWeight: 1,
      title: i % 2 === 0 ? 'Dropout study results for transformers' : 'Dropout Study Results For Transformers!',
      url: `https://x.example.org/${i}`,
      effectiveAt: at,
    }));
    // Quadratic pairing of one bucket this size would need 18 million pairs; it used to throw.
    const clusters = clusterStories(stories);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.members).toHaveLength(6000);
    expect(clusters[0]!.publishers).toHaveLength(5);
  });
});
