import { describe, expect, it } from 'vitest';
import { renderAtom } from '../../src/feeds/atom.js';
import { editionHtml } from '../../src/feeds/edition-html.js';
import { editionJson } from '../../src/feeds/edition-json.js';
import { renderEmailHtml } from '../../src/feeds/email-html.js';
import { renderEmailText } from '../../src/feeds/email-text.js';
import { renderJsonFeed } from '../../src/feeds/json-feed.js';
import { renderRss } from '../../src/feeds/rss.js';
import { HOSTILE_TITLE, hostileEdition, selfUrl, site } from './fixtures.js';
import { hasXmllint, htmlParseErrors, NO_XMLLINT, relaxNg, unbalancedTags, xpathString } from './xml-tools.js';

const e = hostileEdition();
const ESCAPED_TITLE = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;apos&#39; ]]&gt; &amp;amp; 🤖 AT&amp;T';
// Anything a browser would run or render as markup: tags from the content, script URLs, handlers.
const ACTIVE = /<(script|img|b|i)\b|javascript:|data:text|<[^>]*\son\w+=/i;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

describe('hostile content', () => {
  it.for([
    ['feed item HTML', editionHtml(e)],
    ['e-mail HTML', renderEmailHtml(e, site)],
  ] as const)('is inert text in %s', ([, html]) => {
    expect(html).not.toMatch(ACTIVE);
    expect(html).not.toMatch(CONTROL);
    expect(html).toContain(ESCAPED_TITLE);
    expect(html).toContain('Drop&lt;b&gt;out&lt;/b&gt;');
    expect(unbalancedTags(html)).toEqual([]);
  });

  it('drops links that are not http(s) but keeps their text', () => {
    const html = editionHtml(e);
    expect(html).toContain(`<strong>${ESCAPED_TITLE}</strong>`);
    expect(html).toContain('also covered by &lt;script&gt;x&lt;/script&gt;');
    expect(renderEmailText(e, site)).not.toMatch(/javascript:|data:/);
  });

  it('parses as HTML without errors', (ctx) => {
    if (!hasXmllint) ctx.skip(NO_XMLLINT);
    expect(htmlParseErrors(renderEmailHtml(e, site))).toBe('');
  });

  it.for([
    ['RSS', renderRss([e], site, selfUrl('rss')), 'rss2.rng', '/rss/channel/item[1]/description'],
    ['Atom', renderAtom([e], site, selfUrl('atom'), new Date('2026-11-28T00:05:00Z')), 'atom.rng', "//*[local-name()='content']"],
  ] as const)('keeps %s valid, and its HTML payload is the escaped HTML', ([, xml, schema, content], ctx) => {
    expect(xml).not.toMatch(/<script|]]>/i);
    expect(xml).not.toMatch(CONTROL);
    if (!hasXmllint) ctx.skip(NO_XMLLINT);
    const result = relaxNg(xml, schema);
    expect(result.valid, result.errors).toBe(true);
    const html = xpathString(xml, content);
    expect(html).toBe(editionHtml(e));
    expect(html).not.toMatch(ACTIVE);
  });

  it('keeps JSON Feed and edition JSON exact: the text is data there, for the client to escape', () => {
    const feed = JSON.parse(renderJsonFeed([e], site, selfUrl('json')));
    expect(feed.items[0].content_html).toBe(editionHtml(e));
    expect(feed.items[0].content_html).not.toMatch(ACTIVE);
    expect(feed.items[0].content_text).toContain(HOSTILE_TITLE);
    expect(editionJson(e).topStories[0]!.story.title).toBe(HOSTILE_TITLE);
  });

  it('prints the text e-mail with the title as typed and no control characters', () => {
    const text = renderEmailText(e, site);
    expect(text).toContain(`1. ${HOSTILE_TITLE}`);
    expect(text).not.toMatch(CONTROL);
    expect(text).not.toContain('\u000b');
  });
});
