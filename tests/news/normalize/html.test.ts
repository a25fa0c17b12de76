import { describe, expect, it } from 'vitest';
import { normalizeItem } from '../../../src/news/normalize/index.js';
import type { ParsedItem } from '../../../src/news/types.js';

const context = { now: new Date('2024-06-01T12:00:00Z'), feedUrl: 'https://blog.example.com/feed.xml' };

function contentHtml(content: string): string | null {
  const item: ParsedItem = {
    guid: 'g1',
    title: 'A post',
    link: 'https://blog.example.com/post',
    summary: null,
    content,
    author: null,
    publishedAt: null,
  };
  return normalizeItem(item, context)!.contentHtml;
}

describe('contentHtml sanitizing', () => {
  it.each([
    ['<script>', '<p>before</p><script>alert(1)</script><p>after</p>', '<p>before</p><p>after</p>'],
    ['<style>', '<style>body{display:none}</style><p>x</p>', '<p>x</p>'],
    ['<iframe>', '<p>x</p><iframe src="https://evil.example/"></iframe>', '<p>x</p>'],
    ['<object> and <embed>', '<object data="x.swf"></object><embed src="x.swf"><p>x</p>', '<p>x</p>'],
    ['event handlers', '<p onclick="steal()">x</p><img src="https://ex.com/a.png" onerror="steal()">', '<p>x</p><img src="https://ex.com/a.png" />'],
    ['inline styles and classes', '<p style="color:red" class="c" id="i">x</p>', '<p>x</p>'],
    ['a javascript: href', '<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
    ['an obfuscated javascript: href', '<a href=" jav&#x09;ascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
    ['a data: href', '<a href="data:text/html,<script>x</script>">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
    ['a data: image', '<p>x<img src="data:image/png;base64,AAAA" alt="pixel"></p>', '<p>x</p>'],
    ['a javascript: image', '<img src="javascript:alert(1)">', ''],
    ['CDATA hiding a script', '<![CDATA[<script>alert(1)</script>]]><p>x</p>', '<p>x</p>'],
    ['a form and its inputs', '<form action="https://evil.example"><input name="pw"><button>go</button></form>', 'go'],
  ])('removes %s', (_case, input, expected) => {
    expect(contentHtml(input) ?? '').toBe(expected);
  });

  it('keeps the allowed subset', () => {
    const html =
      '<h2>Title</h2><p><em>e</em> <strong>s</strong> <b>b</b> <i>i</i> <code>c</code> H<sub>2</sub>O x<sup>2</sup><br /></p>' +
      '<pre><code>x = 1</code></pre><blockquote>q</blockquote><ul><li>a</li></ul><ol><li>b</li></ol>' +
      '<figure><img src="https://ex.com/a.png" alt="A" title="T" /><figcaption>cap</figcaption></figure>' +
      '<table><caption>t</caption><thead><tr><th colspan="2">h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>';
    expect(contentHtml(html)).toBe(html);
  });

  it('marks links and keeps http, https and mailto', () => {
    expect(contentHtml('<a href="https://ex.com/x" title="t" target="_blank">x</a>')).toBe(
      '<a href="https://ex.com/x" title="t" rel="noopener noreferrer nofollow">x</a>',
    );
    expect(contentHtml('<a href="mailto:me@ex.com" rel="me">m</a>')).toBe(
      '<a href="mailto:me@ex.com" rel="noopener noreferrer nofollow">m</a>',
    );
  });

  it('resolves relative URLs against the feed URL', () => {
    expect(contentHtml('<a href="/about">a</a><img src="img/x.png"><img src="//cdn.ex.com/y.png">')).toBe(
      '<a href="https://blog.example.com/about" rel="noopener noreferrer nofollow">a</a>' +
        '<img src="https://blog.example.com/img/x.png" /><img src="https://cdn.ex.com/y.png" />',
    );
  });

  it('is null when nothing is left', () => {
    expect(contentHtml('<script>alert(1)</script>')).toBeNull();
    expect(contentHtml('   ')).toBeNull();
  });

  it('falls back to the summary when there is no content', () => {
    const item: ParsedItem = {
      guid: 'g',
      title: 't',
      link: null,
      summary: '<p>from <b>summary</b></p>',
      content: null,
      author: null,
      publishedAt: null,
    };
    expect(normalizeItem(item, context)!.contentHtml).toBe('<p>from <b>summary</b></p>');
  });
});
