import { describe, expect, it } from 'vitest';
import type { EditionView } from '../../src/feeds/edition-view.js';
import { editionHtml } from '../../src/feeds/edition-html.js';
import { renderRss } from '../../src/feeds/rss.js';
import { edition, selfUrl, site, threeEditions } from './fixtures.js';
import { hasXmllint, NO_XMLLINT, relaxNg, xpathString } from './xml-tools.js';

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const rss = (editions: readonly EditionView[] = threeEditions) => renderRss([...editions], site, selfUrl('rss'));
const all = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);

describe('RSS 2.0', () => {
  it.for([
    ['three editions', threeEditions],
    ['one edition', [edition('2026-11-27')]],
    ['no edition yet', []],
  ] as const)('validates against the RSS 2.0 RELAX NG schema: %s', ([, editions], ctx) => {
    if (!hasXmllint) ctx.skip(NO_XMLLINT);
    const result = relaxNg(rss(editions), 'rss2.rng');
    expect(result.valid, result.errors).toBe(true);
  });

  it('has a schema that rejects what RSS 2.0 forbids', (ctx) => {
    if (!hasXmllint) ctx.skip(NO_XMLLINT);
    const good = rss();
    expect(relaxNg(good.replace(/<link>https:\/\/mlbrief\.example\.org<\/link>\n/, ''), 'rss2.rng').valid).toBe(false);
    expect(relaxNg(good.replace(/<pubDate>[^<]*<\/pubDate>/, '<pubDate>2026-11-27T00:05:00Z</pubDate>'), 'rss2.rng').valid).toBe(false);
    expect(relaxNg(good.replace('isPermaLink="false"', 'isPermaLink="no"'), 'rss2.rng').valid).toBe(false);
    expect(relaxNg(good.replace('<title>mlbrief daily — 27', '<titel>x</titel><title>mlbrief daily — 27'), 'rss2.rng').valid).toBe(false);
  });

  it('dates everything in RFC 822, lastBuildDate being the newest edition', () => {
    const xml = rss();
    const dates = [...all(xml, 'pubDate'), ...all(xml, 'lastBuildDate')];
    expect(dates).toHaveLength(4);
    for (const date of dates) expect(date).toMatch(RFC822);
    expect(all(xml, 'lastBuildDate')).toEqual(['Fri, 27 Nov 2026 00:05:00 GMT']);
    expect(all(xml, 'pubDate').map((d) => new Date(d).toISOString())).toEqual(
      ['2026-11-27', '2026-11-26', '2026-11-25'].map((d) => `${d}T00:05:00.000Z`),
    );
  });

  it('links to itself with atom:link rel="self" and to the site', () => {
    const xml = rss();
    expect(xml).toContain('xmlns:atom="http://www.w3.org/2005/Atom"');
    expect(xml).toContain(`<atom:link href="${selfUrl('rss')}" rel="self" type="application/rss+xml"/>`);
    expect(all(xml, 'link')[0]).toBe(site.baseUrl);
  });

  it('gives one item per edition, newest first, with a stable non-permalink guid', () => {
    const xml = rss();
    expect(all(xml, 'title').slice(1)).toEqual([
      'mlbrief daily — 27 November 2026',
      'mlbrief daily — 26 November 2026',
      'mlbrief daily — 25 November 2026',
    ]);
    expect(all(xml, 'link').slice(1)).toEqual(threeEditions.map((e) => e.url).reverse());
    expect(all(xml, 'guid')).toEqual([
      'tag:mlbrief.example.org,2026:daily/2026-11-27',
      'tag:mlbrief.example.org,2026:daily/2026-11-26',
      'tag:mlbrief.example.org,2026:daily/2026-11-25',
    ]);
    expect(xml.match(/<guid isPermaLink="false">/g)).toHaveLength(3);
    // The guid of an edition does not depend on which other editions are in the feed.
    expect(all(rss([edition('2026-11-26')]), 'guid')).toEqual(['tag:mlbrief.example.org,2026:daily/2026-11-26']);
  });

  it('carries the edition HTML as the description, which a parser gives back byte for byte', (ctx) => {
    if (!hasXmllint) ctx.skip(NO_XMLLINT);
    const xml = rss();
    expect(xpathString(xml, '/rss/channel/item[1]/description')).toBe(editionHtml(edition('2026-11-27')));
    expect(xpathString(xml, '/rss/channel/item[1]/title')).toBe('mlbrief daily — 27 November 2026');
  });

  it('leaves out lastBuildDate when there is no edition, rather than inventing a time', () => {
    const xml = rss([]);
    expect(xml).not.toContain('<lastBuildDate>');
    expect(xml).not.toContain('<item>');
  });
});
