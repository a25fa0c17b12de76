import type { EditionView, SiteInfo } from '../../src/feeds/edition-view.js';

export const site: SiteInfo = {
  baseUrl: 'https://mlbrief.example.org',
  title: 'mlbrief daily',
  description: 'Five machine-learning concepts and the five ML stories that matter, every morning.',
};

export const selfUrl = (ext: 'rss' | 'atom' | 'json') => `https://mlbrief.example.org/feed/daily.${ext}`;

/** `hours` before the start of `date` (UTC). */
const before = (date: string, hours: number) => new Date(Date.parse(`${date}T00:00:00Z`) - hours * 3_600_000);

const concept = (slug: string, name: string, title: string, summary: string) => ({
  slug,
  name,
  title,
  summary,
  url: `https://mlbrief.example.org/concepts/${slug}`,
});

/** A full edition for `date`, published five minutes after its start. */
export function edition(date: string, overrides: Partial<EditionView> = {}): EditionView {
  return {
    date,
    publishedAt: new Date(`${date}T00:05:00Z`),
    url: `https://mlbrief.example.org/daily/${date}`,
    concepts: [
      concept('dropout', 'Dropout', 'Randomly silencing units to fight overfitting', 'During training each unit is zeroed with probability p, so the network cannot rely on any single feature.'),
      concept('attention', 'Attention', 'Weighting inputs by relevance', 'A learned, content-based weighted average over a sequence.'),
      concept('lora', 'LoRA', 'Low-rank adaptation of large models', 'Fine-tunes a frozen model through small low-rank update matrices.'),
      concept('batch-norm', 'Batch normalization', 'Normalizing activations per mini-batch', 'Keeps activations in a stable range; allows higher learning rates.'),
      concept('adam', 'Adam', 'Adaptive moment estimation', 'An optimizer with per-parameter step sizes from running moment estimates.'),
    ],
    stories: [
      {
        rank: 1,
        title: 'Open model matches frontier results on reasoning benchmarks',
        url: 'https://news.example.com/open-model-reasoning',
        summary: 'A lab released weights and training code for a model that rivals closed systems.',
        sourceName: 'Lab Blog',
        publishedAt: before(date, 6),
        coverage: 4,
        alsoCoveredBy: [
          { sourceName: 'ML Weekly', url: 'https://mlweekly.example.net/p/123' },
          { sourceName: 'arXiv cs.LG', url: 'https://arxiv.org/abs/2611.01234' },
          { sourceName: 'Hacker News', url: null },
        ],
        reasons: ['covered by 4 sources: Lab Blog, ML Weekly, arXiv cs.LG, Hacker News', 'mentions Attention and LoRA', 'from Lab Blog, weight 3'],
      },
      {
        rank: 2,
        title: 'Dropout revisited for transformers',
        url: 'https://research.example.edu/dropout-transformers',
        summary: '',
        sourceName: 'University Blog',
        publishedAt: before(date, 9),
        coverage: 1,
        alsoCoveredBy: [],
        reasons: ['mentions Dropout'],
      },
      {
        rank: 3,
        title: 'A story without a link',
        url: null,
        summary: 'Some feeds publish items with no URL at all.',
        sourceName: 'Newsletter',
        publishedAt: before(date, 15),
        coverage: 2,
        alsoCoveredBy: [{ sourceName: 'ML Weekly', url: 'https://mlweekly.example.net/p/124' }],
        reasons: [],
      },
    ],
    ...overrides,
  };
}

/** Three consecutive editions, deliberately given oldest first. */
export const threeEditions = [edition('2026-11-25'), edition('2026-11-26'), edition('2026-11-27')];

export const HOSTILE_TITLE = '<script>alert(1)</script> & "quotes" \'apos\' ]]> &amp; 🤖 AT&T';

/** An edition whose outside text tries everything: markup, CDATA ends, entities, control chars, bad URLs. */
export function hostileEdition(): EditionView {
  const base = edition('2026-11-27');
  const story = base.stories[0]!;
  return {
    ...base,
    concepts: base.concepts.map((c, i) =>
      i === 0 ? { ...c, name: 'Drop<b>out</b>', title: 'x ]]> y', summary: '<img src=x onerror=alert(1)>\u0000\u0008' } : c,
    ),
    stories: [
      {
        ...story,
        title: HOSTILE_TITLE,
        summary: '<script>document.cookie</script>\u000b and ]]]]>>',
        sourceName: 'Evil "Source" <i>',
        url: 'javascript:alert(1)',
        alsoCoveredBy: [{ sourceName: '<script>x</script>', url: 'data:text/html,<script>alert(1)</script>' }],
        reasons: ['covered by </description><script>'],
      },
      ...base.stories.slice(1),
    ],
  };
}
