// Parser bugs found by the feedparser conformance corpus (scripts/conformance.mjs), one test each.
import { describe, expect, it } from 'vitest';
import { normalizeItem } from '../../../src/news/normalize/index.js';
import { resolveHtmlUrls } from '../../../src/news/parse/links.js';
import { FEED_URL, parse, parseError, rss } from './helpers.js';

const atom = (entry: string, feedAttrs = '') => `<feed xmlns="http://www.w3.org/2005/Atom"${feedAttrs}><title>T</title><entry>${entry}</entry></feed>`;

describe('relative URLs inside summary and content HTML', () => {
  it('resolves href and src against the item xml:base (RSS description and content:encoded)', async () => {
    const feed = await parse(
      rss(
        '<item xml:base="https://blog.example/posts/"><title>x</title>' +
          '<description>&lt;a href="/about"&gt;a&lt;/a&gt; &lt;img src=\'pic.png\'&gt;</description>' +
          '<content:encoded><![CDATA[<a href="../up?a=1&amp;b=2">u</a> <a href="https://abs.example/">abs</a> <a href="#top">t</a>]]></content:encoded></item>',
        '<title>T</title>',
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"',
      ),
    );
    const item = feed.items[0];
    expect(item?.summary).toBe('<a href="https://blog.example/about">a</a> <img src="https://blog.example/posts/pic.png">');
    expect(item?.content).toBe(
      '<a href="https://blog.example/up?a=1&amp;b=2">u</a> <a href="https://abs.example/">abs</a> <a href="#top">t</a>',
    );
  });

  it('uses an Atom <content> element\'s own xml:base, and the feed URL when nothing is declared', async () => {
    const feed = await parse(
      atom(
        '<title>x</title><summary type="html">&lt;a href="s"&gt;s&lt;/a&gt;</summary>' +
          '<content type="html" xml:base="https://cdn.example/c/">&lt;img src="i.png"&gt;</content>',
        ' xml:base="https://site.example/base/"',
      ),
    );
    expect(feed.items[0]?.summary).toBe('<a href="https://site.example/base/s">s</a>');
    expect(feed.items[0]?.content).toBe('<img src="https://cdn.example/c/i.png">');
    const noBase = await parse(rss('<item><title>x</title><description>&lt;a href="p"&gt;p&lt;/a&gt;</description></item>', '<title>T</title><link>https://home.example/blog/</link>'));
    expect(noBase.items[0]?.summary).toBe('<a href="https://feeds.example.com/path/p">p</a>');
  });

  it('leaves text without tags, absolute URLs and unparseable values alone', () => {
    expect(resolveHtmlUrls('a href="x"', 'https://b.example/')).toBe('a href="x"');
    expect(resolveHtmlUrls('<a href="mailto:x@y.z">m</a>', 'https://b.example/')).toBe('<a href="mailto:x@y.z">m</a>');
    expect(resolveHtmlUrls('<a href=rel>r</a>', 'https://b.example/d/')).toBe('<a href="https://b.example/d/rel">r</a>');
    expect(resolveHtmlUrls('<a href="x">x</a>', null)).toBe('<a href="x">x</a>');
  });
});

describe('inline XHTML text constructs (Atom)', () => {
  it('keeps escaped markup in an XHTML title as text, so the stored title does not lose it', async () => {
    const feed = await parse(
      atom('<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">History of the &lt;blink&gt; tag</div></title><link href="https://x.example/1"/>'),
    );
    expect(feed.items[0]?.title).toBe('History of the &lt;blink&gt; tag');
    const stored = normalizeItem(feed.items[0]!, { now: new Date(), feedUrl: FEED_URL });
    expect(stored?.title).toBe('History of the <blink> tag');
  });

  it('keeps the markup in document order and lets normalize drop a script (Atom 0.3 mode="xml")', async () => {
    const feed = await parse(
      '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry>' +
        '<title type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml">safe<script>alert(1)</script> <x:b xmlns:x="http://www.w3.org/1999/xhtml">description</x:b></div></title>' +
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <em>b</em> c<![CDATA[ <d> ]]></div></content>' +
        '<link rel="alternate" href="https://x.example/2"/></entry></feed>',
    );
    expect(feed.items[0]?.title).toBe('safe<script>alert(1)</script> <b>description</b>');
    expect(feed.items[0]?.content).toBe('A <em>b</em> c &lt;d&gt;');
    expect(normalizeItem(feed.items[0]!, { now: new Date(), feedUrl: FEED_URL })?.title).toBe('safe description');
  });
});

describe('RSS element names', () => {
  it('matches core RSS element names case-insensitively', async () => {
    const feed = await parse(
      '<rss version="2.0"><CHANNEL><TiTlE>Example title</TiTlE><Link>https://e.example/</Link>' +
        '<ITEM><Title>Item</Title><LINK>https://e.example/1</LINK><PUBDATE>Wed, 31 Dec 2003 10:14:55 GMT</PUBDATE></ITEM></CHANNEL></rss>',
    );
    expect(feed).toMatchObject({ title: 'Example title', siteUrl: 'https://e.example/' });
    expect(feed.items[0]).toMatchObject({ title: 'Item', link: 'https://e.example/1', publishedAt: new Date('2003-12-31T10:14:55Z') });
  });

  it('reads RSS whose elements carry a prefix bound to an RSS namespace, and only then', async () => {
    const rss2 = await parse(
      '<r:rss version="2.0" xmlns:r="http://backend.userland.com/rss2"><r:channel><r:title>C</r:title>' +
        '<r:item><r:title>Test Item</r:title><r:link>https://e.example/i</r:link></r:item></r:channel></r:rss>',
    );
    expect(rss2).toMatchObject({ format: 'rss', title: 'C', items: [{ title: 'Test Item', link: 'https://e.example/i' }] });
    const rdf = await parse(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/">' +
        '<rss:channel rdf:about="https://e.example/"><rss:title>C</rss:title><rss:link>https://e.example/</rss:link></rss:channel>' +
        '<rss:item rdf:about="https://e.example/1"><rss:title>RDF Item</rss:title><rss:link>https://e.example/1</rss:link></rss:item></rdf:RDF>',
    );
    expect(rdf).toMatchObject({ format: 'rdf', title: 'C', items: [{ title: 'RDF Item', link: 'https://e.example/1' }] });
    expect(await parseError('<r:rss xmlns:r="https://not-rss.example/"><r:channel/></r:rss>')).toBe('NOT_A_FEED');
  });
});

describe('dates and links given more than once', () => {
  it('takes the last readable value of a repeated date element, as feedparser does', async () => {
    const feed = await parse(
      atom('<title>x</title><updated>2010-12-01T10:14:55Z</updated><updated>2003-12-31T10:14:55Z</updated><updated>not a date</updated>'),
    );
    expect(feed.items[0]?.publishedAt).toEqual(new Date('2003-12-31T10:14:55Z'));
  });

  it('ignores a link given as text when its rel is not alternate (Atom 0.3 enclosure)', async () => {
    const feed = await parse(
      '<feed version="0.3" xmlns="http://purl.org/atom/ns#">' +
        '<entry><link rel="enclosure" type="text/html">https://e.example/enclosure</link><link rel="alternate" type="text/html">https://e.example/alternate</link></entry>' +
        '<entry><link rel="enclosure" type="text/html">https://e.example/enclosure</link><link rel="alternate" href="https://e.example/alternate"/></entry></feed>',
    );
    expect(feed.items.map((i) => i.link)).toEqual(['https://e.example/alternate', 'https://e.example/alternate']);
  });
});
