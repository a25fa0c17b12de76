import { describe, expect, it } from 'vitest';
import { editionJson } from '../../src/feeds/edition-json.js';
import { edition } from './fixtures.js';

describe('edition JSON', () => {
  const e = edition('2026-11-27');
  const json = editionJson(e);

  it('has the documented fields in a stable order', () => {
    expect(Object.keys(json)).toEqual(['date', 'publishedAt', 'preview', 'url', 'conceptOfTheDay', 'concepts', 'topStories']);
    expect(Object.keys(json.concepts[0]!)).toEqual(['slug', 'name', 'title', 'summary', 'url']);
    expect(Object.keys(json.topStories[0]!)).toEqual(['rank', 'reasons', 'story']);
    expect(Object.keys(json.topStories[0]!.story)).toEqual([
      'title', 'url', 'summary', 'source', 'publishedAt', 'coverage', 'alsoCoveredBy',
    ]);
  });

  it('is plain JSON: dates as RFC 3339 strings, nothing lost in a round trip', () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.publishedAt).toBe('2026-11-27T00:05:00.000Z');
    expect(json.topStories[0]!.story.publishedAt).toBe('2026-11-26T18:00:00.000Z');
  });

  it('names the first concept the concept of the day and keeps all five', () => {
    expect(json.conceptOfTheDay).toEqual(json.concepts[0]);
    expect(json.conceptOfTheDay?.slug).toBe('dropout');
    expect(json.concepts.map((c) => c.slug)).toEqual(['dropout', 'attention', 'lora', 'batch-norm', 'adam']);
  });

  it('lists stories in rank order with their coverage, other sources and reasons', () => {
    const reversed = editionJson({ ...e, stories: [...e.stories].reverse() });
    expect(reversed).toEqual(json);
    expect(json.topStories.map((s) => s.rank)).toEqual([1, 2, 3]);
    expect(json.topStories[0]).toMatchObject({
      reasons: ['covered by 4 sources: Lab Blog, ML Weekly, arXiv cs.LG, Hacker News', 'mentions Attention and LoRA', 'from Lab Blog, weight 3'],
      story: { source: 'Lab Blog', coverage: 4, alsoCoveredBy: [{ source: 'ML Weekly', url: 'https://mlweekly.example.net/p/123' }, { source: 'arXiv cs.LG', url: 'https://arxiv.org/abs/2611.01234' }, { source: 'Hacker News', url: null }] },
    });
    expect(json.topStories[2]!.story.url).toBeNull();
  });

  it('does not share arrays with its input', () => {
    json.topStories[0]!.reasons.push('changed');
    expect(e.stories[0]!.reasons).toHaveLength(3);
  });
});
