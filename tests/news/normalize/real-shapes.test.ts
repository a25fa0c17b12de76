import { describe, expect, it } from 'vitest';
import { detectKind, isSelfPost } from '../../../src/news/kind.js';
import { withoutArxivSuffix } from '../../../src/news/normalize/arxiv-announce.js';
import { endorsement } from '../../../src/news/normalize/endorsement.js';
import { normalizeItem } from '../../../src/news/normalize/index.js';
import { parseFeed } from '../../../src/news/parse/index.js';
import { inferPublisher, publisherOf } from '../../../src/news/publisher.js';
import { arxivRss, hnrss, outletRss } from '../../support/real-feeds.js';

const now = new Date('2025-03-11T06:00:00Z');
const at = new Date('2025-03-10T12:00:00Z');

async function normalized(xml: string, feedUrl: string) {
  const feed = await parseFeed(Buffer.from(xml), { contentType: 'application/rss+xml', url: feedUrl });
  return { feed, items: feed.items.map((i) => normalizeItem(i, { now, feedUrl })!) };
}

describe('arXiv feeds', () => {
  it('reads the announce type from the element, keeps the abstract alone, and makes every version one paper', async () => {
    const { items } = await normalized(
      arxivRss('cs.LG', [
        { id: '2503.01111', title: 'Sparse attention at scale', abstract: 'We study sparse attention.', announce: 'new', date: at },
        { id: '2503.02222', title: 'A cross-listed paper', abstract: 'From stat.ML.', announce: 'cross', date: at },
        { id: '2409.03333', version: 3, title: 'An old paper, replaced', abstract: 'Version three.', announce: 'replace', date: at },
        { id: '2409.04444', version: 2, title: 'Replaced and cross-listed', abstract: 'Also old.', announce: 'replace-cross', date: at },
      ]),
      'http://127.0.0.1/rss/cs.LG',
    );
    expect(items.map((i) => i.arxivAnnounce)).toEqual(['new', 'cross', 'replace', 'replace-cross']);
    expect(items.map((i) => i.url)).toEqual([
      'https://arxiv.org/abs/2503.01111',
      'https://arxiv.org/abs/2503.02222',
      'https://arxiv.org/abs/2409.03333',
      'https://arxiv.org/abs/2409.04444',
    ]);
    expect(items[0]!.summary).toBe('We study sparse attention.');
    expect(items[2]!.identity).toBe('arxiv:2409.03333');
  });

  it('reads the old title format: the suffix goes, UPDATED is a replacement, CROSS LISTED a cross-list', () => {
    expect(withoutArxivSuffix('Attention Is All You Need. (arXiv:1706.03762v5 [cs.CL] UPDATED)')).toEqual({ title: 'Attention Is All You Need', announce: 'replace' });
    expect(withoutArxivSuffix('Deep Residual Learning. (arXiv:1512.03385v1 [cs.CV])')).toEqual({ title: 'Deep Residual Learning', announce: 'new' });
    expect(withoutArxivSuffix('Adam. (arXiv:1412.6980v9 [cs.LG] CROSS LISTED)')).toEqual({ title: 'Adam', announce: 'cross' });
    expect(withoutArxivSuffix('A title (with parentheses)')).toEqual({ title: 'A title (with parentheses)', announce: null });
  });

  it('takes the suffix off an old-format item and counts it as a replacement', () => {
    const item = normalizeItem(
      { guid: 'oai:arXiv.org:1706.03762v5', title: 'Attention Is All You Need. (arXiv:1706.03762v5 [cs.CL] UPDATED)', link: 'http://arxiv.org/abs/1706.03762v5', summary: '<p>The dominant models…</p>', content: null, author: null, publishedAt: at },
      { now, feedUrl: 'http://export.arxiv.org/rss/cs.CL' },
    )!;
    expect(item.title).toBe('Attention Is All You Need');
    expect(item.arxivAnnounce).toBe('replace');
  });

  it('is the publisher arXiv, whatever the category feed', () => {
    expect(inferPublisher('http://rss.arxiv.org/rss/cs.LG', 'https://rss.arxiv.org/rss/cs.LG')).toBe('arXiv');
    expect(inferPublisher(null, 'https://export.arxiv.org/rss/stat.ML')).toBe('arXiv');
    expect(inferPublisher('https://arxiv.org/list/cs.AI/recent', 'https://mirror.example/feed')).toBe('arXiv');
  });
});

describe('hnrss feeds', () => {
  it('reads points and comments as endorsement, links to the article, and keeps the boilerplate out of the summary', async () => {
    const { items } = await normalized(
      hnrss([
        { id: 1, title: 'Gemini 2.0 is out', url: 'https://deepmind.google/gemini-2?utm_source=hn', points: 412, comments: 188, date: at },
        { id: 2, title: 'Ask HN: Which LLM do you use for code?', points: 120, comments: 301, date: at },
        { id: 3, title: 'A post with no counts', url: 'https://blog.example/x', date: at },
        { id: 4, title: 'A post with a negative score', url: 'https://blog.example/y', points: -4, comments: 3, date: at },
        { id: 5, title: 'A post with a garbled score', url: 'https://blog.example/z', points: 'many', comments: 1, date: at },
      ]),
      'https://hnrss.org/newest?q=AI',
    );
    expect(items[0]).toMatchObject({ url: 'https://deepmind.google/gemini-2', points: 412, comments: 188, summary: '' });
    expect(items[1]).toMatchObject({ url: 'https://news.ycombinator.com/item?id=2', points: 120, comments: 301, summary: 'What do you all think?' });
    expect(items[2]).toMatchObject({ points: null, comments: null });
    expect(items[3]).toMatchObject({ points: null, comments: 3 });
    expect(items[4]).toMatchObject({ points: null, comments: 1 });
  });

  it('keeps an aggregator item without a link, as a story of its own that links to its thread', async () => {
    const { items } = await normalized(hnrss([{ id: 9, title: 'Show HN: a linkless item', url: 'https://a.example/', noLink: true, points: 10, date: at }]), 'https://hnrss.org/newest');
    // Without <link>, the URL is the GUID's, hnrss's thread: the item is a story of its own.
    expect(items[0]).toMatchObject({ title: 'Show HN: a linkless item', url: 'https://news.ycombinator.com/item?id=9', points: 10 });
    expect(isSelfPost(items[0]!.url, 'https://news.ycombinator.com/', 'https://hnrss.org/newest')).toBe(true);
  });

  it('is an aggregator: most items link off-site; its own threads are self-posts', () => {
    const home = 'https://news.ycombinator.com/';
    expect(detectKind(['https://a.example/1', 'https://b.example/2', 'https://news.ycombinator.com/item?id=3'], home, 'https://hnrss.org/newest')).toBe('aggregator');
    expect(isSelfPost('https://news.ycombinator.com/item?id=3', home, 'https://hnrss.org/newest')).toBe(true);
    expect(isSelfPost('https://a.example/1', home, 'https://hnrss.org/newest')).toBe(false);
  });

  it('reads counts from text as an aggregator prints them', () => {
    expect(endorsement('Article URL: https://x.example Comments URL: https://news.ycombinator.com/item?id=1 Points: 12 # Comments: 0')).toEqual({ points: 12, comments: 0, summary: '' });
    expect(endorsement('A lab post with no counts.')).toEqual({ points: null, comments: null, summary: 'A lab post with no counts.' });
  });
});

describe('outlets and publishers', () => {
  it('infers the publisher from the registrable domain of the site link, else the feed host', () => {
    expect(inferPublisher('https://www.theverge.com/ai-artificial-intelligence', 'https://www.theverge.com/rss/ai/index.xml')).toBe('theverge.com');
    expect(inferPublisher('https://news.ycombinator.com/', 'https://hnrss.org/newest')).toBe('ycombinator.com');
    expect(inferPublisher(null, 'https://feeds.bbci.co.uk/news/technology/rss.xml')).toBe('bbci.co.uk');
    expect(inferPublisher('https://alice.github.io/', 'https://alice.github.io/feed.xml')).toBe('alice.github.io'); // a private suffix
    expect(inferPublisher(null, 'http://127.0.0.1:8080/feed')).toBe('127.0.0.1');
    expect(publisherOf({ publisher: 'The Verge', siteUrl: 'https://www.theverge.com/', url: 'https://www.theverge.com/rss' })).toBe('The Verge');
  });

  it('is a feed when most items link home, and says nothing from too few links', async () => {
    const { feed, items } = await normalized(
      outletRss('https://www.verge.example/', 'The Verge', [1, 2, 3].map((n) => ({ title: `Story ${n}`, path: `/ai/${n}`, date: at }))),
      'https://www.verge.example/rss',
    );
    expect(detectKind(items.map((i) => i.url), feed.siteUrl, 'https://www.verge.example/rss')).toBe('feed');
    expect(detectKind(['https://a.example/1', 'https://b.example/2'], feed.siteUrl, 'https://www.verge.example/rss')).toBeNull();
  });

  it('is an aggregator only when more than half of the links leave the site', () => {
    const home = ['https://www.verge.example/ai/1', 'https://www.verge.example/ai/2'];
    const away = ['https://a.example/1', 'https://b.example/2', 'https://c.example/3'];
    const kind = (urls: string[]) => detectKind(urls, 'https://www.verge.example/', 'https://www.verge.example/rss');
    expect(kind([...home, ...away.slice(0, 2)])).toBe('feed'); // two of four: half is not most
    expect(kind([...home, ...away])).toBe('aggregator'); // three of five
  });
});
