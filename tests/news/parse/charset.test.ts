import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parse } from './helpers.js';

const doc = (declaration: string, title: string) =>
  `${declaration}<rss version="2.0"><channel><title>${title}</title><item><title>${title}</title></item></channel></rss>`;

describe('parseFeed character sets', () => {
  it('uses the HTTP charset (ISO-8859-1) when the XML declaration has none', async () => {
    const body = iconv.encode(doc('<?xml version="1.0"?>', 'Straße – naïve'.replace('–', '-')), 'latin1');
    const feed = await parse(body, 'application/rss+xml; charset=ISO-8859-1');
    expect(feed.title).toBe('Straße - naïve');
  });

  it('uses the XML declaration (windows-1252) when the header has no charset: curly quotes and €', async () => {
    const head = Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>', 'ascii');
    const tail = Buffer.from('</title></channel></rss>', 'ascii');
    const body = Buffer.concat([head, Buffer.from([0x93, 0x41, 0x94, 0x20, 0x80, 0x35]), tail]);
    const feed = await parse(body, 'application/rss+xml');
    expect(feed.title).toBe('\u201cA\u201d €5');
  });

  it('prefers the HTTP charset over the XML declaration', async () => {
    const body = iconv.encode(doc('<?xml version="1.0" encoding="utf-8"?>', 'café'), 'latin1');
    expect((await parse(body, 'text/xml; charset="iso-8859-1"')).title).toBe('café');
  });

  it('reads UTF-16 LE with a BOM, whatever the declaration says', async () => {
    const text = doc('<?xml version="1.0" encoding="UTF-16"?>', 'Ünïcode ✓ 年');
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const feed = await parse(body, 'application/rss+xml; charset=iso-8859-1');
    expect(feed.title).toBe('Ünïcode ✓ 年');
    expect(feed.items[0]?.title).toBe('Ünïcode ✓ 年');
  });

  it('reads UTF-16 BE with a BOM', async () => {
    const le = Buffer.from(doc('', 'big end ✓'), 'utf16le');
    const body = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
    expect((await parse(body, null)).title).toBe('big end ✓');
  });

  it('reads UTF-32 LE with a BOM', async () => {
    const text = doc('', 'wide ✓');
    const units = Buffer.alloc(text.length * 4);
    [...text].forEach((ch, i) => units.writeUInt32LE(ch.codePointAt(0)!, i * 4));
    const body = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), units.subarray(0, [...text].length * 4)]);
    expect((await parse(body, null)).title).toBe('wide ✓');
  });

  it('reads UTF-8 with a BOM and strips it', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('<?xml version="1.0" encoding="utf-8"?>', 'naïve ✓'))]);
    const feed = await parse(body, 'application/xml');
    expect(feed.title).toBe('naïve ✓');
  });

  it('defaults to UTF-8 and ignores an unknown charset name', async () => {
    const body = Buffer.from(doc('<?xml version="1.0" encoding="x-bogus"?>', 'é ✓'));
    expect((await parse(body, 'text/xml; charset=x-nonsense')).title).toBe('é ✓');
  });
});
