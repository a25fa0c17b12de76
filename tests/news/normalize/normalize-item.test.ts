import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeItem } from '../../../src/news/normalize/index.js';
import type { ParsedItem } from '../../../src/news/types.js';

const now = new Date('2024-06-01T12:00:00Z');
const context = { now, feedUrl: 'https://blog.example.com/feed.xml' };

const item = (fields: Partial<ParsedItem>): ParsedItem => ({
  guid: null,
  title: null,
  link: null,
  summary: null,
  content: null,
  author: null,
  publishedAt: null,
  ...fields,
});

const normalize = (fields: Partial<ParsedItem>) => normalizeItem(item(fields), context);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('identity', () => {
  it.each([
    ['the trimmed GUID first', { guid: '  tag:ex.com,2024:1 ', link: 'https://ex.com/a', title: 'T' }, 'guid:tag:ex.com,2024:1'],
    ['the canonical link without a GUID', { link: 'https://EX.com/a?utm_source=rss#c', title: 'T' }, 'url:https://ex.com/a'],
    ['the canonical link when the GUID is blank', { guid: '   ', link: 'https://ex.com/a', title: 'T' }, 'url:https://ex.com/a'],
    ['the arXiv id over the GUID', { guid: 'oai:arXiv.org:2401.01234v2', link: 'https://arxiv.org/abs/2401.01234v2', title: 'T' }, 'arxiv:2401.01234'],
    ['the arXiv id from the link alone', { guid: 'https://example.com/some-guid', link: 'http://arxiv.org/pdf/2401.01234v1', title: 'T' }, 'arxiv:2401.01234'],
    ['the arXiv id from the GUID alone', { guid: 'oai:arXiv.org:cs/0112017v3', title: 'T' }, 'arxiv:cs/0112017'],
  ])('uses %s', (_case, fields, identity) => {
    expect(normalize(fields)!.identity).toBe(identity);
  });

  it('keeps one identity for a GUID-less item whose title is edited: its link, else its enclosure', () => {
    const before = normalize({ link: 'posts/x', title: 'First title', publishedAt: now })!;
    const after = normalize({ link: 'posts/x', title: 'Edited title', publishedAt: now })!;
    expect([before.identity, after.identity]).toEqual(['url:https://blog.example.com/posts/x', 'url:https://blog.example.com/posts/x']);
    const episode = normalize({ enclosure: 'https://cdn.example.com/ep1.mp3?utm_source=rss', title: 'Episode 1' })!;
    const renamed = normalize({ enclosure: 'https://cdn.example.com/ep1.mp3', title: 'Episode 1: the one about attention' })!;
    expect([episode.identity, renamed.identity]).toEqual(['enclosure:https://cdn.example.com/ep1.mp3', 'enclosure:https://cdn.example.com/ep1.mp3']);
    expect(normalize({ link: 'https://ex.com/a', enclosure: 'https://ex.com/a.mp3', title: 'T' })!.identity).toBe('url:https://ex.com/a');
  });

  it('hashes title and date when there is neither GUID nor link', () => {
    const date = new Date('2024-05-01T00:00:00Z');
    expect(normalize({ title: 'Only a title', publishedAt: date })!.identity).toBe(
      `hash:${sha256(`Only a title|${date.toISOString()}`)}`,
    );
    expect(normalize({ title: 'Only a title' })!.identity).toBe(`hash:${sha256('Only a title|')}`);
  });

  it('keeps the hash of a future-dated item when the date becomes valid', () => {
    const fields = { title: 'Scheduled', publishedAt: new Date('2024-06-02T00:00:00Z') };
    const early = normalizeItem(item(fields), context)!;
    const later = normalizeItem(item(fields), { ...context, now: new Date('2024-06-03T00:00:00Z') })!;
    expect(early.publishedAt).toBeNull();
    expect(later.publishedAt).toEqual(fields.publishedAt);
    expect(later.identity).toBe(early.identity);
  });

  it('makes v1 and v2 of an arXiv paper one item', () => {
    const v1 = normalize({ guid: 'oai:arXiv.org:2401.01234v1', link: 'http://arxiv.org/abs/2401.01234v1', title: 'Paper' })!;
    const v2 = normalize({ guid: 'oai:arXiv.org:2401.01234v2', link: 'https://arxiv.org/abs/2401.01234v2', title: 'Paper (revised)' })!;
    expect(v2.identity).toBe(v1.identity);
    expect([v1.url, v2.url]).toEqual(['https://arxiv.org/abs/2401.01234', 'https://arxiv.org/abs/2401.01234']);
    expect([v1.arxivId, v2.arxivId]).toEqual(['2401.01234', '2401.01234']);
  });

  it('cannot confuse a GUID with a URL identity', () => {
    const byGuid = normalize({ guid: 'https://ex.com/a', title: 'T' })!;
    const byLink = normalize({ link: 'https://ex.com/a', title: 'T' })!;
    expect(byGuid.identity).not.toBe(byLink.identity);
  });

  it('bounds a huge GUID by hashing it', () => {
    const guid = 'x'.repeat(5000);
    expect(normalize({ guid, title: 'T' })!.identity).toBe(`guid:sha256:${sha256(guid)}`);
  });

  it('is not an arXiv paper for an ordinary blog post', () => {
    expect(normalize({ guid: 'g', link: 'https://blog.example.com/2401.01234', title: 'T' })!.arxivId).toBeNull();
  });
});

describe('url', () => {
  it.each([
    ['is canonical', { link: 'https://Blog.Example.com/p?utm_medium=rss' }, 'https://blog.example.com/p'],
    ['resolves a relative link against the feed URL', { link: '/posts/1' }, 'https://blog.example.com/posts/1'],
    ['falls back to a permalink GUID', { guid: 'https://ex.com/p#x' }, 'https://ex.com/p'],
    ['is null for a javascript: link', { link: 'javascript:alert(1)' }, null],
    ['is null without a link', { guid: 'tag:ex.com,1' }, null],
  ])('%s', (_case, fields, url) => {
    expect(normalize({ title: 'T', ...fields })!.url).toBe(url);
  });
});

describe('title', () => {
  it.each([
    ['decodes &amp;', 'AT&amp;T and Q&amp;A', 'AT&T and Q&A'],
    ['decodes numeric entities', 'Don&#8217;t stop &#x2014; ever', 'Don’t stop — ever'],
    ['decodes &quot; and &lt;', '&quot;Attention&quot; is &lt;all&gt;', '"Attention" is <all>'],
    ['strips tags', 'A <em>new</em> <b>model</b>', 'A new model'],
    ['drops scripts', 'Hi<script>alert(1)</script> there', 'Hi there'],
    ['collapses whitespace', '  A\n\t  title   with   gaps ', 'A title with gaps'],
    ['keeps a literal less-than', 'Why x < y matters', 'Why x < y matters'],
  ])('%s', (_case, title, expected) => {
    expect(normalize({ title, link: 'https://ex.com/a' })!.title).toBe(expected);
  });

  it('is bounded to 300 characters', () => {
    const title = normalize({ title: 'word '.repeat(200), link: 'https://ex.com/a' })!.title;
    expect(title.length).toBeLessThanOrEqual(300);
    expect(title.endsWith('word…')).toBe(true);
  });

  it('comes from the summary’s first sentence when missing', () => {
    const result = normalize({ summary: '<p>We release a model. It is good.</p>', link: 'https://ex.com/a' });
    expect(result!.title).toBe('We release a model.');
  });

  it('comes from the link when there is neither title nor summary', () => {
    expect(normalize({ title: '  <b></b> ', link: 'https://ex.com/a?utm_source=x' })!.title).toBe('https://ex.com/a');
  });

  it.each([
    ['nothing at all', {}],
    ['only a summary', { summary: 'Some text.', guid: 'tag:1' }],
    ['a blank title and an unusable link', { title: '   ', link: 'javascript:void(0)' }],
  ])('makes the item null with %s', (_case, fields) => {
    expect(normalize(fields)).toBeNull();
  });
});

describe('summary', () => {
  it('is plain text from the summary, entities decoded', () => {
    const summary = '<p>Fish &amp; chips</p><p>second&nbsp;para <a href="x">link</a></p><script>bad()</script>';
    expect(normalize({ title: 'T', link: 'https://ex.com/a', summary })!.summary).toBe('Fish & chips second para link');
  });

  it('falls back to the content', () => {
    expect(normalize({ title: 'T', link: 'https://ex.com/a', content: '<div>From content</div>' })!.summary).toBe('From content');
  });

  it('is empty when there is no text', () => {
    expect(normalize({ title: 'T', link: 'https://ex.com/a' })!.summary).toBe('');
  });

  it.each([
    ['short text is untouched', 'A short summary.', 'A short summary.'],
    ['exactly 500 characters is untouched', 'a'.repeat(500), 'a'.repeat(500)],
  ])('%s', (_case, summary, expected) => {
    expect(normalize({ title: 'T', link: 'https://ex.com/a', summary })!.summary).toBe(expected);
  });

  it('is cut at a word boundary within 500 characters, with an ellipsis', () => {
    const summary = normalize({ title: 'T', link: 'https://ex.com/a', summary: 'lorem ipsum, '.repeat(100) })!.summary;
    expect(summary.length).toBeLessThanOrEqual(500);
    expect(summary).toMatch(/ipsum…$/);
  });

  it('hard-cuts one endless word', () => {
    const summary = normalize({ title: 'T', link: 'https://ex.com/a', summary: 'x'.repeat(2000) })!.summary;
    expect(summary).toBe(`${'x'.repeat(499)}…`);
  });

  it('never splits a surrogate pair', () => {
    const summary = normalize({ title: 'T', link: 'https://ex.com/a', summary: '😀'.repeat(400) })!.summary;
    expect(summary.length).toBeLessThanOrEqual(500);
    expect(summary.endsWith('😀…')).toBe(true);
  });
});

describe('publishedAt', () => {
  it.each([
    ['a past date is kept', new Date('2024-05-31T08:00:00Z'), new Date('2024-05-31T08:00:00Z')],
    ['a date a few minutes ahead (clock skew) is kept', new Date('2024-06-01T12:09:00Z'), new Date('2024-06-01T12:09:00Z')],
    ['a date more than 10 minutes ahead is null', new Date('2024-06-01T12:11:00Z'), null],
    ['a date years ahead is null', new Date('2099-01-01T00:00:00Z'), null],
    ['1995-01-01 is kept', new Date('1995-01-01T00:00:00Z'), new Date('1995-01-01T00:00:00Z')],
    ['a date before 1995 is null', new Date('1994-12-31T23:59:59Z'), null],
    ['the epoch is null', new Date(0), null],
    ['an invalid date is null', new Date('not a date'), null],
    ['a missing date is null', null, null],
  ])('%s', (_case, publishedAt, expected) => {
    expect(normalize({ title: 'T', link: 'https://ex.com/a', publishedAt })!.publishedAt).toEqual(expected);
  });
});

describe('author', () => {
  it.each([
    ['is trimmed', '  Ada Lovelace \n', 'Ada Lovelace'],
    ['has entities decoded', 'O&#8217;Brien &amp; Co', 'O’Brien & Co'],
    ['is null when blank', '   ', null],
    ['is null when missing', null, null],
  ])('%s', (_case, author, expected) => {
    expect(normalize({ title: 'T', link: 'https://ex.com/a', author })!.author).toBe(expected);
  });

  it('is bounded', () => {
    expect(normalize({ title: 'T', link: 'https://ex.com/a', author: 'a'.repeat(1000) })!.author!.length).toBeLessThanOrEqual(200);
  });
});

describe('control characters', () => {
  it('drops NUL and other C0 controls from every stored text (PostgreSQL text cannot hold NUL), keeping tabs and newlines', () => {
    const n = normalize({
      guid: 'id\u0000-1',
      title: 'A\u0000 model\u0007 that\tworks',
      link: 'https://ex.com/a\u0000b',
      summary: 'First line.\nSecond\u001F line.',
      content: '<p>Body\u0000 text</p>',
      author: 'Ada\u0000 Lovelace',
    })!;
    for (const value of [n.guid, n.url, n.title, n.summary, n.contentHtml, n.author, n.identity]) {
      expect(value).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    }
    expect(n.title).toBe('A model that works');
    expect(n.guid).toBe('id-1');
    expect(n.author).toBe('Ada Lovelace');
  });
});
