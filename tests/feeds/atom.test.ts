import { describe, expect, it } from 'vitest';
import { renderAtom } from '../../src/feeds/atom.js';
import { editionHtml } from '../../src/feeds/edition-html.js';
import type { EditionView } from '../../src/feeds/edition-view.js';
import { edition, selfUrl, site, threeEditions } from './fixtures.js';
import { hasXmllint, NO_XMLLINT, relaxNg, xpathString } from './xml-tools.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const atom = (editions: readonly EditionView[] = threeEditions) => renderAtom([...editions], site, selfUrl('atom'), new Date('2026-11-28T00:05:00Z'));
const all = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);
const entry = (n: number) => `/*[local-name()='feed']/*[local-name()='entry'][${n}]`;

describe('Atom 1.0', () => {
  it.for([
    ['three editions', threeEditions],
    ['one edition', [edition('2026-11-27')]],
    ['no edition yet', []],
  ] as const)('validates against the RFC 4287 RELAX NG schema: %s', ([, editions], ctx) => {
    if (!hasXmllint) ctx.skip(NO_XMLLINT);
    const result = relaxNg(atom(editions), 'atom.rng');
    expect(result.valid, result.errors).toBe(true);
  });

  it('meets the two rules the schema states in Schematron (author; link or content)', (ctx) => {
    if (!hasXmllint) ctx.skip(NO_XMLLINT);
    const xml = atom();
    const feed = "/*[local-name()='feed']";
    expect(xpathString(xml, `count(${feed}/*[local-name()='author'])`)).toBe('1');
    const entries = `${feed}/*[local-name()='entry']`;
    const linked = `${entries}[*[local-name()='link'][@rel='alternate' or not(@rel)] or *[local-name()='content']]`;
    expect(xpathString(xml, `count(${linked})`)).toBe(xpathString(xml, `count(${entries})`));
  });

  it('has a schema that rejects what RFC 4287 forbids', (ctx) => {
    if (!hasXmllint) ctx.skip(NO_XMLLINT);
    const good = atom();
    expect(relaxNg(good.replace(/<id>tag:[^<]*daily\/2026-11-26<\/id>/, ''), 'atom.rng').valid).toBe(false);
    expect(relaxNg(good.replace(/<updated>[^<]*<\/updated>/, '<updated>Fri, 27 Nov 2026 00:05:00 GMT</updated>'), 'atom.rng').valid).toBe(false);
    expect(relaxNg(good.replace('<content type="html">', '<content type="htm">'), 'atom.rng').valid).toBe(false);
  });

  it('has a stable tag: id, the newest edition as updated, self and alternate links and an author', () => {
    const xml = atom();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect(all(xml, 'id')[0]).toBe('tag:mlbrief.example.org,2026:daily');
    expect(all(atom([edition('2026-01-01')]), 'id')[0]).toBe('tag:mlbrief.example.org,2026:daily');
    expect(all(xml, 'updated')[0]).toBe('2026-11-27T00:05:00.000Z');
    expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="${selfUrl('atom')}"/>`);
    expect(xml).toContain(`<link rel="alternate" type="text/html" href="${site.baseUrl}"/>`);
    expect(xml).toContain(`<author><name>mlbrief daily</name><uri>${site.baseUrl}</uri></author>`);
  });

  it('gives one entry per edition, newest first, with ids, dates and a link to the edition', () => {
    const xml = atom();
    expect(all(xml, 'id').slice(1)).toEqual(['27', '26', '25'].map((d) => `tag:mlbrief.example.org,2026:daily/2026-11-${d}`));
    expect(all(xml, 'title').slice(1)).toEqual(['27', '26', '25'].map((d) => `mlbrief daily — ${d} November 2026`));
    for (const date of [...all(xml, 'updated'), ...all(xml, 'published')]) expect(date).toMatch(RFC3339);
    expect(all(xml, 'published')).toEqual(['27', '26', '25'].map((d) => `2026-11-${d}T00:05:00.000Z`));
    for (const e of threeEditions) expect(xml).toContain(`<link rel="alternate" type="application/json" href="${e.url}"/>`);
  });

  it('carries the edition HTML as content type="html", which a parser gives back byte for byte', (ctx) => {
    if (!hasXmllint) ctx.skip(NO_XMLLINT);
    const xml = atom();
    expect(xpathString(xml, `${entry(1)}/*[local-name()='content']`)).toBe(editionHtml(edition('2026-11-27')));
    expect(xpathString(xml, `${entry(1)}/*[local-name()='content']/@type`)).toBe('html');
  });

  it('stays valid before the first edition, updated when it was rendered (not 1970)', () => {
    expect(all(atom([]), 'updated')).toEqual(['2026-11-28T00:05:00.000Z']);
  });
});
