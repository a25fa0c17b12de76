import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as ParseModule from '../../../src/news/parse/index.js';
import { parseFeed, WORKER_THRESHOLD_BYTES } from '../../../src/news/parse/index.js';
import { ParseError } from '../../../src/news/types.js';

function bigFeed(bytes: number): Buffer {
  const items: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const item = `<item><guid>g${i}</guid><title>Item ${i}</title><link>/p/${i}</link><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><description><![CDATA[<p>${'text '.repeat(50)}</p>]]></description></item>`;
    items.push(item);
    size += item.length;
  }
  return Buffer.from(`<rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>${items.join('')}</channel></rss>`);
}

// The global setup compiles src/ to dist/, where the worker file exists; from the .ts sources
// (this process) parseFeed parses inline instead.
const compiled = pathToFileURL(path.resolve(import.meta.dirname, '../../../dist/news/parse/index.js')).href;
const meta = { contentType: 'application/rss+xml', url: 'https://big.example/feed' };

describe('parseFeed on large bodies', () => {
  const body = bigFeed(WORKER_THRESHOLD_BYTES * 2);

  it('parses inline when the worker file is not built next to the module', async () => {
    const feed = await parseFeed(body, meta);
    expect(feed.items.length).toBeGreaterThan(500);
    expect(feed.items[0]).toMatchObject({ link: 'https://big.example/p/0' });
  });

  it('gives the same result through the compiled worker, Dates included', async () => {
    const dist = (await import(compiled)) as typeof ParseModule;
    const [inWorker, inline] = await Promise.all([dist.parseFeed(body, meta), parseFeed(body, meta)]);
    expect(inWorker).toEqual(inline);
    expect(inWorker.items[0]?.publishedAt).toBeInstanceOf(Date);
  });

  it('carries ParseError codes back from the worker', async () => {
    const dist = (await import(compiled)) as typeof ParseModule;
    const whole = bigFeed(WORKER_THRESHOLD_BYTES);
    const broken = whole.subarray(0, whole.length - 30);
    const error: unknown = await dist.parseFeed(broken, meta).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as ParseError).code).toBe('MALFORMED');
  });
});
