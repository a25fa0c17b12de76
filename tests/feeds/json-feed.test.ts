import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editionHtml } from '../../src/feeds/edition-html.js';
import { editionText } from '../../src/feeds/edition-text.js';
import type { EditionView } from '../../src/feeds/edition-view.js';
import { renderJsonFeed } from '../../src/feeds/json-feed.js';
import { edition, hostileEdition, selfUrl, site, threeEditions } from './fixtures.js';

const schema = JSON.parse(readFileSync(new URL('./schemas/jsonfeed-1.1.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

const jsonFeed = (editions: readonly EditionView[] = threeEditions) => renderJsonFeed([...editions], site, selfUrl('json'));
const feedOf = (editions?: readonly EditionView[]) => JSON.parse(jsonFeed(editions)) as Record<string, unknown> & { items: Record<string, unknown>[] };

describe('JSON Feed 1.1', () => {
  it.for([
    ['three editions', threeEditions],
    ['one edition', [edition('2026-11-27')]],
    ['no edition yet', []],
    ['a hostile edition', [hostileEdition()]],
  ] as const)('validates against the JSON Feed 1.1 JSON Schema: %s', ([, editions]) => {
    const valid = validate(feedOf(editions));
    expect(valid, ajv.errorsText(validate.errors)).toBe(true);
  });

  it('has a schema that rejects what JSON Feed 1.1 forbids', () => {
    const feed = feedOf();
    const item0 = feed.items[0]!;
    expect(validate({ ...feed, items: [{ ...item0, id: 1 }] })).toBe(false);
    expect(validate({ ...feed, version: 'https://jsonfeed.org/version/1' })).toBe(false);
    expect(validate({ ...feed, title: undefined })).toBe(false);
    expect(validate({ ...feed, items: [{ id: 'x', title: 'no content' }] })).toBe(false);
    expect(validate({ ...feed, items: [{ ...item0, date_published: 'Fri, 27 Nov 2026 00:05:00 GMT' }] })).toBe(false);
    expect(validate({ ...feed, items: [{ ...item0, content_htm: 'typo' }] })).toBe(false);
  });

  it('names the feed, its home page and itself', () => {
    const feed = feedOf();
    expect(Object.keys(feed).slice(0, 4)).toEqual(['version', 'title', 'home_page_url', 'feed_url']);
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'mlbrief daily',
      home_page_url: site.baseUrl,
      feed_url: selfUrl('json'),
    });
  });

  it('gives one item per edition, newest first, with string ids, HTML, text and RFC 3339 dates', () => {
    const { items } = feedOf();
    expect(items.map((i) => i.id)).toEqual(['27', '26', '25'].map((d) => `tag:mlbrief.example.org,2026:daily/2026-11-${d}`));
    for (const item of items) expect(typeof item.id).toBe('string');
    expect(items.map((i) => i.date_published)).toEqual(['27', '26', '25'].map((d) => `2026-11-${d}T00:05:00.000Z`));
    expect(items[0]).toMatchObject({
      url: 'https://mlbrief.example.org/daily/2026-11-27',
      title: 'mlbrief daily — 27 November 2026',
      content_html: editionHtml(edition('2026-11-27')),
      content_text: editionText(edition('2026-11-27')),
    });
  });
});
