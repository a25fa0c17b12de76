import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/news/parse/dates.js';
import { parse, rss } from './helpers.js';

describe('parseDate', () => {
  it.each([
    ['Tue, 02 Jan 2024 15:30:00 GMT', '2024-01-02T15:30:00.000Z'],
    ['Tue, 02 Jan 2024 15:30:00 EST', '2024-01-02T20:30:00.000Z'],
    ['Sat, 1 Jun 2024 09:00:00 PDT', '2024-06-01T16:00:00.000Z'],
    ['02 Jan 2024 15:30:00 +0530', '2024-01-02T10:00:00.000Z'],
    ['Tue, 02 Jan 24 15:30 UT', '2024-01-02T15:30:00.000Z'],
    ['Thu, 31 Dec 99 23:59:59 Z', '1999-12-31T23:59:59.000Z'],
    ['2 January 2024', '2024-01-02T00:00:00.000Z'],
    ['2024-01-02T15:30:00Z', '2024-01-02T15:30:00.000Z'],
    ['2024-01-02T15:30:00.250+02:00', '2024-01-02T13:30:00.250Z'],
    ['2024-01-02T15:30-05:00', '2024-01-02T20:30:00.000Z'],
    ['2024-01-02 15:30:00', '2024-01-02T15:30:00.000Z'],
    ['2024-01-02', '2024-01-02T00:00:00.000Z'],
    ['20240102T153000Z', '2024-01-02T15:30:00.000Z'],
  ])('reads %s', (input, expected) => {
    expect(parseDate(input)?.toISOString()).toBe(expected);
  });

  it.each(['', '   ', 'yesterday', 'Tue, 32 Jan 2024 10:00:00 GMT', '2024-02-30T00:00:00Z', '2024-13-01', 'Foo, 02 Xyz 2024'])(
    'gives null for %j',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );

  it('gives null for values that are not strings', () => {
    expect(parseDate(undefined)).toBeNull();
    expect(parseDate({ _: 'x' })).toBeNull();
  });
});

describe('parseFeed dates', () => {
  it('gives null for missing or unparseable dates and keeps the items', async () => {
    const feed = await parse(rss('<item><title>none</title></item><item><title>bad</title><pubDate>not a date</pubDate></item>'));
    expect(feed.items.map((i) => [i.title, i.publishedAt])).toEqual([
      ['none', null],
      ['bad', null],
    ]);
  });

  it('keeps an Atom feed whose entry has an invalid date (rss-parser alone would reject the feed)', async () => {
    const feed = await parse(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
      <entry><id>1</id><title>bad</title><published>someday</published></entry>
      <entry><id>2</id><title>good</title><updated>2024-03-01T00:00:00Z</updated></entry></feed>`);
    expect(feed.items.map((i) => [i.title, i.publishedAt])).toEqual([
      ['bad', null],
      ['good', new Date('2024-03-01T00:00:00Z')],
    ]);
  });

  it('falls back from pubDate to dc:date in RSS 2.0', async () => {
    const feed = await parse(
      rss('<item><dc:date>2024-02-01T10:00:00+01:00</dc:date></item>', '<title>T</title>', ' xmlns:dc="http://purl.org/dc/elements/1.1/"'),
    );
    expect(feed.items[0]?.publishedAt).toEqual(new Date('2024-02-01T09:00:00Z'));
  });
});
