import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../../src/news/normalize/index.js';

describe('canonicalUrl', () => {
  it.each([
    ['drops utm_* of any kind', 'https://ex.com/a?utm_source=rss&utm_medium=feed&utm_Campaign=x&utm_whatever=1', 'https://ex.com/a'],
    ['drops click ids', 'https://ex.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4&yclid=5&igshid=6', 'https://ex.com/a'],
    ['drops mailchimp and hubspot ids', 'https://ex.com/a?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&ref_src=twsrc', 'https://ex.com/a'],
    ['keeps meaningful params', 'https://ex.com/a?id=7&utm_source=x', 'https://ex.com/a?id=7'],
    ['keeps ref and source', 'https://github.com/o/r/blob/x.md?ref=main&source=feed', 'https://github.com/o/r/blob/x.md?ref=main&source=feed'],
    ['sorts params by key', 'https://ex.com/a?b=2&a=1&c=3', 'https://ex.com/a?a=1&b=2&c=3'],
    ['keeps the order of repeated keys', 'https://ex.com/a?t=2&a=1&t=1', 'https://ex.com/a?a=1&t=2&t=1'],
    ['keeps the original encoding of kept params', 'https://ex.com/s?q=a%20b+c&x=%2F', 'https://ex.com/s?q=a%20b+c&x=%2F'],
    ['removes a trailing ?', 'https://ex.com/a?', 'https://ex.com/a'],
    ['removes empty pairs', 'https://ex.com/a?&&b=1&', 'https://ex.com/a?b=1'],
    ['removes the fragment', 'https://ex.com/post#comments', 'https://ex.com/post'],
    ['removes the fragment after a query', 'https://ex.com/post?p=1#top', 'https://ex.com/post?p=1'],
    ['lowercases scheme and host', 'HTTPS://Example.COM/Path/Case', 'https://example.com/Path/Case'],
    ['drops the default https port', 'https://ex.com:443/a', 'https://ex.com/a'],
    ['drops the default http port', 'http://ex.com:80/a', 'http://ex.com/a'],
    ['keeps other ports', 'https://ex.com:8443/a', 'https://ex.com:8443/a'],
    ['drops credentials', 'https://user:secret@ex.com/a', 'https://ex.com/a'],
    ['drops a trailing dot on the host', 'https://ex.com./a', 'https://ex.com/a'],
    ['gives an empty path its slash', 'https://ex.com', 'https://ex.com/'],
    ['keeps path case', 'https://ex.com/Blog/My-Post', 'https://ex.com/Blog/My-Post'],
  ])('%s', (_case, input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('gives one URL for the same page however it was linked', () => {
    const variants = [
      'https://EX.com/p?b=2&a=1',
      'https://ex.com:443/p?a=1&b=2#x',
      'https://ex.com/p?utm_source=rss&a=1&fbclid=z&b=2',
    ];
    expect(new Set(variants.map(canonicalUrl))).toEqual(new Set(['https://ex.com/p?a=1&b=2']));
  });

  it.each([
    ['javascript:alert(1)'],
    ['data:text/html,<b>x</b>'],
    ['ftp://ex.com/file'],
    ['mailto:a@ex.com'],
    ['/relative/path'],
    ['not a url'],
    [''],
  ])('refuses %j', (input) => {
    expect(canonicalUrl(input)).toBeNull();
  });
});
