import { describe, expect, it } from 'vitest';
import { parse, parseError, rss } from './helpers.js';

const lols = Array.from({ length: 9 }, (_, i) => {
  const prev = i === 0 ? 'lol' : `&lol${i - 1};`;
  return `<!ENTITY lol${i} "${Array(10).fill(prev).join('')}">`;
}).join('\n');

describe('parseFeed on hostile or broken input', () => {
  it('never expands a billion-laughs DTD', async () => {
    const body = `<?xml version="1.0"?><!DOCTYPE rss [\n<!ENTITY lol "lol">\n${lols}\n]>` + rss('<item><title>a&lol8;b</title></item>', '<title>&lol8;</title>');
    const feed = await parse(body);
    expect(feed.title).toBeNull();
    expect(feed.items[0]?.title).toBe('ab');
  });

  it('never reads an external entity (XXE)', async () => {
    const body =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY % p SYSTEM "http://127.0.0.1/evil.dtd">%p;]>' +
      rss('<item><title>x&xxe;y</title><description>&xxe;</description></item>', '<title>T&xxe;</title>');
    const feed = await parse(body);
    expect(JSON.stringify(feed)).not.toMatch(/root:|evil/);
    expect(feed.title).toBe('T');
    expect(feed.items[0]).toMatchObject({ title: 'xy', summary: null });
  });

  it('leaves entity-like text inside CDATA alone', async () => {
    const feed = await parse(rss('<item><title><![CDATA[AT&T &xxe; &amp;]]></title></item>'));
    expect(feed.items[0]?.title).toBe('AT&T &xxe; &amp;');
  });

  it('tolerates a bare ampersand, a common error in real feeds', async () => {
    const feed = await parse(rss('<item><title>R&D at AT&T</title><link>https://x.example/?a=1&b=2</link></item>'));
    expect(feed.items[0]).toMatchObject({ title: 'R&D at AT&T', link: 'https://x.example/?a=1&b=2' });
  });

  it.each([
    ['an HTML5 page', '<!DOCTYPE html>\n<html><head><title>Blog</title></head><body><p>Hi<br></p></body></html>', 'text/html'],
    ['an XHTML page', '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', 'application/rss+xml'],
    ['an empty body', '', 'application/rss+xml'],
    ['a whitespace body', ' \n\t ', null],
    ['plain text', 'Service Unavailable', 'text/plain'],
    ['another XML document', '<?xml version="1.0"?><sitemap><url/></sitemap>', 'application/xml'],
    ['JSON that is not a JSON Feed', '{"error":"not found"}', 'application/json'],
    ['a JSON Feed with an unknown version', '{"version":"1","items":[]}', 'application/feed+json'],
  ])('rejects %s as NOT_A_FEED', async (_, body, type) => {
    expect(await parseError(body, type)).toBe('NOT_A_FEED');
  });

  it.each([
    ['mismatched tags', rss('<item><title>t</item>')],
    ['a truncated document', rss('<item><title>t</title></item>').slice(0, 60)],
    ['a stray "<"', rss('<item><title>1 < 2</title></item>')],
    ['broken JSON', '{"version":"https://jsonfeed.org/version/1.1","items":['],
  ])('rejects %s as MALFORMED', async (_, body) => {
    expect(await parseError(body)).toBe('MALFORMED');
  });
});
