import { describe, expect, it } from 'vitest';
import { clusterStories } from '../../../src/daily/cluster/index.js';
import { rankClusters } from '../../../src/daily/rank/index.js';
import { mlKeywords } from '../../../src/daily/rank/keywords.js';
import type { CandidateStory, RankOptions, StoryCluster } from '../../../src/daily/types.js';

const WINDOW_END = new Date('2025-03-11T00:00:00Z');
const HOUR = 3_600_000;
const options: RankOptions = { windowEnd: WINDOW_END, limit: 5, maxPerSource: 2 };
const SOURCES = ['Lab Blog', 'arXiv cs.LG', 'The Gradient', 'Import AI', 'Tech Daily', 'ML Weekly'];

let nextId = 1;
function story(overrides: Partial<CandidateStory> & { sourceId: number }): CandidateStory {
  const id = overrides.id ?? nextId++;
  return {
    id,
    sourceName: SOURCES[overrides.sourceId - 1] ?? `Source ${overrides.sourceId}`,
    sourceWeight: 1,
    title: `A new benchmark for model evaluation, part ${id}`,
    url: `https://news.example/${id}`,
    summary: '',
    effectiveAt: new Date(WINDOW_END.getTime() - 6 * HOUR),
    conceptNames: [],
    ...overrides,
  };
}

/** A cluster of its own for each story, so these tests do not depend on headline similarity. */
function single(s: CandidateStory): StoryCluster {
  return { key: String(s.id), representative: s, members: [s], sources: [{ id: s.sourceId, name: s.sourceName, weight: s.sourceWeight }] };
}

function ids(ranked: ReturnType<typeof rankClusters>): number[] {
  return ranked.map((r) => r.cluster.representative.id);
}

describe('rankClusters', () => {
  it('ranks a story covered by four sources, with different headlines and one URL, first and once', () => {
    const url = 'https://openai.com/index/introducing-gpt-5';
    const stories = [
      story({ id: 1, sourceId: 1, sourceWeight: 3, title: 'OpenAI releases GPT-5 with improved reasoning', url }),
      story({ id: 2, sourceId: 2, title: 'OpenAI launches GPT-5, touting better reasoning' }),
      story({ id: 3, sourceId: 3, title: 'GPT-5 is here', url }),
      story({ id: 4, sourceId: 4, title: 'What GPT-5 means for developers', url, conceptNames: ['Transformer'] }),
      story({ id: 5, sourceId: 5, sourceWeight: 9, title: 'A new diffusion model for video', conceptNames: ['Diffusion models', 'Dropout'] }),
      story({ id: 6, sourceId: 6, title: 'Celebrity chef opens a restaurant' }),
    ];
    const ranked = rankClusters(clusterStories(stories), options);
    expect(ids(ranked)).toEqual([1, 5]);
    expect(ranked[0]!.cluster.sources).toHaveLength(4);
    expect(ranked[0]!.reasons[0]).toBe('covered by 4 sources: Lab Blog, arXiv cs.LG, The Gradient and Import AI');
    expect(ranked[0]!.reasons).toContain('from Lab Blog, weight 3');
    expect(ranked[0]!.reasons).toContain('mentions Transformer');
    expect(ranked[1]!.reasons).toEqual([
      'covered by 1 source: Tech Daily',
      'from Tech Daily, weight 9',
      'mentions Diffusion models and Dropout',
      'about machine learning (mentions: model, diffusion)',
      'published 6 hours before the edition',
    ]);
  });

  it('weighs coverage over weight, weight over relevance, relevance over freshness', () => {
    const end = WINDOW_END.getTime();
    const twoSources = (id: number, weight: number) => {
      const a = story({ id, sourceId: 1, sourceWeight: weight, title: 'Paper', url: `https://x.example/${id}` });
      const b = story({ id: id + 1, sourceId: 2, sourceWeight: weight, title: 'Paper', url: `https://x.example/${id}` });
      return clusterStories([a, b])[0]!;
    };
    const clusters = [
      single(story({ id: 10, sourceId: 3, sourceWeight: 10, conceptNames: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'], effectiveAt: new Date(end - 1000) })),
      twoSources(20, 0),
      single(story({ id: 30, sourceId: 4, sourceWeight: 2.1, title: 'Paper', effectiveAt: new Date(end - 23 * HOUR) })),
      single(story({ id: 40, sourceId: 5, sourceWeight: 2, title: 'Paper', conceptNames: ['A', 'B', 'C', 'D', 'E'] })),
      single(story({ id: 50, sourceId: 6, sourceWeight: 2, title: 'Paper', conceptNames: ['A', 'B'], effectiveAt: new Date(end - 20 * HOUR) })),
      single(story({ id: 60, sourceId: 7, sourceWeight: 2, title: 'Paper', conceptNames: ['A'], effectiveAt: new Date(end - 1000) })),
    ];
    const ranked = rankClusters(clusters, { ...options, limit: 10 });
    expect(ids(ranked)).toEqual([20, 10, 30, 40, 50, 60]);
    const scores = ranked.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('uses freshness last: the story closer to the end of the window wins', () => {
    const end = WINDOW_END.getTime();
    const ranked = rankClusters(
      [
        single(story({ id: 1, sourceId: 1, title: 'Paper', effectiveAt: new Date(end - 20 * HOUR) })),
        single(story({ id: 2, sourceId: 2, title: 'Paper', effectiveAt: new Date(end - 2 * HOUR) })),
      ],
      options,
    );
    expect(ids(ranked)).toEqual([2, 1]);
    expect(ranked[0]!.reasons.at(-1)).toBe('published 2 hours before the edition');
    expect(ranked[1]!.reasons.at(-1)).toBe('published 20 hours before the edition');
  });

  it('leaves off-topic clusters out, even with more coverage and weight', () => {
    const url = 'https://sports.example/final';
    const offTopic = clusterStories([
      story({ id: 1, sourceId: 1, sourceWeight: 10, title: 'Local team wins the final', url }),
      story({ id: 2, sourceId: 2, sourceWeight: 10, title: 'Final: local team triumphs', url }),
    ]);
    const relevant = single(story({ id: 3, sourceId: 3, sourceWeight: 0, title: 'Notes', summary: 'We trained a GPT on a new dataset.' }));
    const ranked = rankClusters([...offTopic, relevant], options);
    expect(ids(ranked)).toEqual([3]);
    expect(ranked[0]!.reasons).toContain('about machine learning (mentions: training, dataset)');
  });

  it('takes at most maxPerSource from one source and fills the rest from others', () => {
    const clusters = [1, 2, 3, 4].map((i) => single(story({ id: i, sourceId: 1, sourceWeight: 9 })));
    clusters.push(...[5, 6, 7, 8].map((i) => single(story({ id: i, sourceId: i, sourceWeight: 1 }))));
    const ranked = rankClusters(clusters, options);
    expect(ids(ranked)).toEqual([1, 2, 5, 6, 7]);
    expect(rankClusters(clusters, { ...options, maxPerSource: 5 }).map((r) => r.cluster.key)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('gives the same ranking for any input order, ties going to the lower id', () => {
    const clusters = [9, 4, 7, 1, 3].map((i) => single(story({ id: i, sourceId: i })));
    expect(ids(rankClusters(clusters, options))).toEqual([1, 3, 4, 7, 9]);
    expect(rankClusters([...clusters].reverse(), options)).toEqual(rankClusters(clusters, options));
  });

  it('reports a score that encodes the priorities', () => {
    const s = single(story({ id: 1, sourceId: 1, sourceWeight: 3, title: 'Paper', conceptNames: ['LoRA'], effectiveAt: WINDOW_END }));
    // 1 source × 10 000 + 30 tenths × 50 + (1 concept + 1 keyword) × 4 + fresh × 3
    expect(rankClusters([s], options)[0]!.score).toBe(10_000 + 1_500 + 8 + 3);
  });

  it('lists many concepts briefly', () => {
    const s = single(story({ id: 1, sourceId: 1, conceptNames: ['G', 'F', 'E', 'D', 'C', 'B', 'A', 'A'] }));
    expect(rankClusters([s], options)[0]!.reasons).toContain('mentions A, B, C, D, E and 2 more');
  });
});

describe('ML keywords', () => {
  it.each([
    ['Fine-tuning LLMs on a single GPU', ['LLM', 'fine-tuning', 'GPU']],
    ['Our paper on arXiv: transformers for tabular data', ['transformer', 'arXiv', 'paper']],
    ['Reinforcement learning from human feedback, explained', ['reinforcement learning']],
    ['Inference costs fall as models shrink', ['model', 'inference']],
  ])('finds the keywords in %j', (text, expected) => {
    expect(mlKeywords([text])).toEqual(expect.arrayContaining(expected));
  });

  it.each(['Celebrity chef opens a restaurant', 'Paperback sales rise', 'Trainspotting sequel announced', 'The aid package', 'Maintenance window tonight'])(
    'finds none in %j',
    (text) => {
      expect(mlKeywords([text])).toEqual([]);
    },
  );
});
