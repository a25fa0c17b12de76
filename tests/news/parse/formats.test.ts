import { describe, expect, it } from 'vitest';
import { fixture, parse } from './helpers.js';

describe('parseFeed formats', () => {
  it('reads RSS 2.0: guid, title, link, summary, content, author, date', async () => {
    const feed = await parse(fixture('rss2.xml'), 'application/rss+xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'ML Research Blog', siteUrl: 'https://blog.example.com/' });
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toEqual({
      guid: 'post-101',
      title: 'Scaling laws, revisited',
      link: 'https://blog.example.com/posts/scaling-laws',
      summary: '<p>A short <em>summary</em>.</p>',
      content: '<p>The full <strong>article</strong>.</p>',
      author: 'Ada Lovelace',
      publishedAt: new Date('2024-01-02T20:30:00Z'),
    });
    // A permalink guid stands in for a missing <link>.
    expect(feed.items[1]).toMatchObject({
      guid: 'https://blog.example.com/posts/attention',
      title: 'Attention & memory',
      link: 'https://blog.example.com/posts/attention',
      summary: 'Plain text summary',
      content: null,
      author: 'editor@example.com (The Editor)',
      publishedAt: new Date('2024-01-03T07:00:00Z'),
    });
  });

  it('reads RSS 0.91 with its Netscape DOCTYPE and HTML entities', async () => {
    const feed = await parse(fixture('rss091.xml'));
    expect(feed).toMatchObject({ format: 'rss', title: 'Old School News', siteUrl: 'http://old.example.com/' });
    expect(feed.items[0]).toMatchObject({
      title: 'Café opens',
      link: 'http://old.example.com/cafe.html',
      summary: 'Coffee\u00a0time',
      publishedAt: null,
    });
  });

  it('reads RSS 1.0 (RDF) with dc:date and dc:creator', async () => {
    const feed = await parse(fixture('rdf.xml'));
    expect(feed).toMatchObject({ format: 'rdf', title: 'cs.LG updates on arXiv.org', siteUrl: 'http://arxiv.org/' });
    expect(feed.items).toEqual([
      {
        guid: 'http://arxiv.org/abs/2401.01234',
        title: 'A Paper About Things. (arXiv:2401.01234v2 [cs.LG])',
        link: 'http://arxiv.org/abs/2401.01234',
        summary: '<p>We study things.</p>',
        content: null,
        author: 'A. Author, B. Author',
        publishedAt: new Date('2024-01-04T01:30:00Z'),
      },
    ]);
  });

  it('reads Atom 1.0: alternate link, published before updated, author name, XHTML title as HTML', async () => {
    const feed = await parse(fixture('atom.xml'), 'application/atom+xml');
    expect(feed).toMatchObject({ format: 'atom', title: 'Lab Notes', siteUrl: 'https://lab.example.org/' });
    expect(feed.items[0]).toEqual({
      guid: 'tag:lab.example.org,2024:1',
      title: 'Diffusion models explained',
      link: 'https://lab.example.org/diffusion',
      summary: '<p>Noise in, images out.</p>',
      content: '<p>The whole story.</p>',
      author: 'Grace Hopper',
      publishedAt: new Date('2024-01-04T07:15:00Z'),
      enclosure: 'https://lab.example.org/audio.mp3',
    });
    // An XHTML title is handed on as HTML, like a type="html" one; normalize makes it "Only updated".
    expect(feed.items[1]).toMatchObject({
      title: 'Only <b>updated</b>',
      link: 'https://lab.example.org/updated-only',
      author: null,
      publishedAt: new Date('2024-01-06T00:00:00Z'),
    });
  });

  it('reads JSON Feed 1.1, skipping items that are not objects', async () => {
    const feed = await parse(fixture('jsonfeed-1.1.json'), 'application/feed+json', 'https://weekly.example.net/feed.json');
    expect(feed).toMatchObject({ format: 'json', title: 'JSON ML Weekly', siteUrl: 'https://weekly.example.net/' });
    expect(feed.items).toEqual([
      {
        guid: 'issue-42',
        title: 'Issue 42',
        link: 'https://weekly.example.net/issues/42',
        summary: 'This week in ML',
        content: '<p>Links and notes</p>',
        author: 'Item Author',
        publishedAt: new Date('2024-01-07T16:00:00Z'),
      },
      {
        guid: '43',
        title: null,
        link: 'https://elsewhere.example.com/post',
        summary: null,
        content: 'Text only, no date',
        author: null,
        publishedAt: null,
      },
    ]);
  });

  it('reads JSON Feed 1.0 (single author, http version URL) even when served as text/plain', async () => {
    const body = JSON.stringify({
      version: 'http://jsonfeed.org/version/1',
      title: 'One Oh',
      items: [{ id: 'a', url: 'https://x.example/a', title: 'A', author: { name: 'Solo' }, date_modified: '2023-05-01T00:00:00Z' }],
    });
    const feed = await parse(body, 'text/plain');
    expect(feed.items[0]).toMatchObject({ guid: 'a', author: 'Solo', publishedAt: new Date('2023-05-01T00:00:00Z') });
  });

  it('returns every item of a feed with duplicate GUIDs (dedupe is the store’s job)', async () => {
    const item = (title: string) => `<item><guid>same</guid><title>${title}</title></item>`;
    const feed = await parse(`<rss version="2.0"><channel><title>D</title>${item('one')}${item('two')}</channel></rss>`);
    expect(feed.items.map((i) => [i.guid, i.title])).toEqual([
      ['same', 'one'],
      ['same', 'two'],
    ]);
  });

  it('keeps CDATA with <script> as raw HTML (sanitizing is normalize’s job)', async () => {
    const feed = await parse(
      '<rss version="2.0"><channel><title>C</title><item><title>x</title>' +
        '<description><![CDATA[<p>hi</p><script>alert("x")</script>&amp;]]></description></item></channel></rss>',
    );
    expect(feed.items[0]?.summary).toBe('<p>hi</p><script>alert("x")</script>&amp;');
  });

  it('reads an RSS document without a version attribute as RSS 2.0', async () => {
    const feed = await parse('<rss><channel><title>No version</title><item><title>i</title></item></channel></rss>');
    expect(feed).toMatchObject({ format: 'rss', title: 'No version', items: [{ title: 'i' }] });
  });

  it('gives an empty feed for a well-formed RSS or RDF document without a channel', async () => {
    expect(await parse('<rss version="2.0"></rss>')).toEqual({ format: 'rss', title: null, siteUrl: null, items: [] });
    const rdf = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"/>';
    expect((await parse(rdf)).items).toEqual([]);
  });
});

describe('parseFeed namespaces and entities (issue 19)', () => {
  it('reads Atom whose elements carry a prefix bound to the Atom namespace', async () => {
    const feed = await parse(`<?xml version="1.0"?>
      <a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <a:title>Prefixed</a:title><a:link href="https://site.example/"/>
        <a:entry><a:id>urn:1</a:id><a:title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">One <b>bold</b></div></a:title>
          <a:link rel="alternate" href="https://site.example/1"/><a:published>2026-11-30T10:00:00Z</a:published>
          <a:summary>S</a:summary><a:author><a:name>Ann</a:name></a:author></a:entry>
      </a:feed>`);
    expect(feed).toMatchObject({ format: 'atom', title: 'Prefixed', siteUrl: 'https://site.example/' });
    expect(feed.items[0]).toMatchObject({
      guid: 'urn:1',
      link: 'https://site.example/1',
      summary: 'S',
      author: 'Ann',
      publishedAt: new Date('2026-11-30T10:00:00Z'),
    });
    expect(feed.items[0]!.title).toContain('One');
  });

  it('reads RSS 2.0 whose elements carry a prefix bound to an RSS namespace', async () => {
    const feed = await parse(`<r:rss xmlns:r="http://backend.userland.com/rss2" version="2.0"><r:channel><r:title>R</r:title>
      <r:item><r:title>One</r:title><r:link>https://site.example/1</r:link><r:guid>g1</r:guid></r:item></r:channel></r:rss>`);
    expect(feed).toMatchObject({ format: 'rss', title: 'R' });
    expect(feed.items[0]).toMatchObject({ guid: 'g1', title: 'One', link: 'https://site.example/1' });
  });

  it('still refuses a prefixed <feed> that is not bound to Atom', async () => {
    await expect(parse('<x:feed xmlns:x="http://example.com/not-atom"><x:entry/></x:feed>')).rejects.toThrow(/not a feed/);
  });

  it('decodes every HTML5 named entity, those of two code points included; unknown ones vanish', async () => {
    const feed = await parse(
      '<rss version="2.0"><channel><title>T</title><item><title>Done &check; &NotEqualTilde; &rarr; &hellip; &nosuch; &amp; &lt;b&gt;</title><link>https://s.example/1</link></item></channel></rss>',
    );
    expect(feed.items[0]!.title).toBe('Done \u2713 \u2242\u0338 \u2192 \u2026 & <b>');
  });
});
