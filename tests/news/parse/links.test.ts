import { describe, expect, it } from 'vitest';
import { parse, rss } from './helpers.js';

describe('parseFeed relative links', () => {
  it('resolves item links against the feed URL when there is no xml:base, not against the channel link (RFC 3986)', async () => {
    const feed = await parse(rss('<item><link>posts/1</link></item>', '<title>T</title><link>https://site.example/blog/</link>'));
    expect(feed.siteUrl).toBe('https://site.example/blog/');
    expect(feed.items[0]?.link).toBe('https://feeds.example.com/path/posts/1');
  });

  it.each([
    ['posts/x', 'https://feeds.example.com/path/posts/x'],
    ['?p=4', 'https://feeds.example.com/path/feed.xml?p=4'],
    ['//cdn.example/y', 'https://cdn.example/y'],
    ['../up', 'https://feeds.example.com/up'],
    ['#frag', 'https://feeds.example.com/path/feed.xml#frag'],
  ])('resolves %s as RFC 3986 does, in RSS, Atom and JSON Feed', async (ref, expected) => {
    const fromRss = await parse(rss(`<item><link>${ref}</link></item>`, '<title>T</title><link>https://site.example/</link>'));
    const fromAtom = await parse(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><link href="https://site.example/"/><entry><id>1</id><link href="${ref}"/></entry></feed>`);
    const fromJson = await parse(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', home_page_url: 'https://site.example/', items: [{ id: '1', url: ref }] }), 'application/feed+json');
    expect([fromRss, fromAtom, fromJson].map((f) => f.items[0]?.link)).toEqual([expected, expected, expected]);
  });

  it('resolves against xml:base first, then the feed URL', async () => {
    const feed = await parse(rss('<item><link>?p=4</link></item><item xml:base="https://b.example/dir/"><link>?p=5</link></item>', '<title>T</title>'));
    expect(feed.items.map((i) => i.link)).toEqual(['https://feeds.example.com/path/feed.xml?p=4', 'https://b.example/dir/?p=5']);
  });

  it('falls back to the feed URL when the channel has no link', async () => {
    const feed = await parse(rss('<item><link>/abs/2401.01234</link></item>'));
    expect(feed.items[0]?.link).toBe('https://feeds.example.com/abs/2401.01234');
  });

  it('resolves a relative channel link against the feed URL', async () => {
    const feed = await parse(rss('<item><link>post</link></item>', '<title>T</title><link>/home/</link>'));
    expect(feed.siteUrl).toBe('https://feeds.example.com/home/');
    expect(feed.items[0]?.link).toBe('https://feeds.example.com/path/post');
  });

  it('honours xml:base on <rss>, <channel> and <item>, nested relative to each other', async () => {
    const feed = await parse(
      rss(
        '<item><link>a</link></item><item xml:base="sub/"><link>b</link></item><item xml:base="https://other.example/x/"><link>c</link></item>',
        '<title>T</title><link>https://ignored.example/</link>',
        ' xml:base="https://base.example/root/"',
      ),
    );
    expect(feed.items.map((i) => i.link)).toEqual([
      'https://base.example/root/a',
      'https://base.example/root/sub/b',
      'https://other.example/x/c',
    ]);
    const channel = await parse(
      '<rss version="2.0"><channel xml:base="https://chan.example/d/"><title>T</title><item><link>e</link></item></channel></rss>',
    );
    expect(channel.items[0]?.link).toBe('https://chan.example/d/e');
  });

  it('honours xml:base in Atom on <feed>, <entry> and <link>', async () => {
    const feed = await parse(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/">
      <title>A</title><link href="./"/>
      <entry><id>1</id><link href="one"/></entry>
      <entry xml:base="2024/"><id>2</id><link href="two"/></entry>
      <entry><id>3</id><link xml:base="/elsewhere/" href="three"/></entry>
    </feed>`);
    expect(feed.siteUrl).toBe('https://atom.example/blog/');
    expect(feed.items.map((i) => i.link)).toEqual([
      'https://atom.example/blog/one',
      'https://atom.example/blog/2024/two',
      'https://atom.example/elsewhere/three',
    ]);
  });

  it('resolves a relative xml:base against the feed URL', async () => {
    const feed = await parse('<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/news/"><entry><id>1</id><link href="x"/></entry></feed>');
    expect(feed.items[0]?.link).toBe('https://feeds.example.com/news/x');
  });

  it('gives null for a missing link, keeping the item', async () => {
    const feed = await parse(rss('<item><title>no link</title><guid isPermaLink="false">https://not.a/permalink</guid></item>'));
    expect(feed.items[0]).toMatchObject({ title: 'no link', link: null, guid: 'https://not.a/permalink' });
  });
});
