import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parseFeed } from '../../../src/news/parse/index.js';
import { ParseError, type ParseErrorCode, type ParsedFeed } from '../../../src/news/types.js';

export const FEED_URL = 'https://feeds.example.com/path/feed.xml';

export function fixture(name: string): Buffer {
  return readFileSync(path.join(import.meta.dirname, 'fixtures', name));
}

export function parse(body: string | Buffer, contentType: string | null = 'application/xml', url = FEED_URL): Promise<ParsedFeed> {
  return parseFeed(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, { contentType, url });
}

export async function parseError(body: string | Buffer, contentType: string | null = 'application/xml'): Promise<ParseErrorCode> {
  const error: unknown = await parse(body, contentType).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParseError);
  return (error as ParseError).code;
}

export function rss(items: string, channel = '<title>T</title>', rootAttrs = ''): string {
  return `<?xml version="1.0"?><rss version="2.0"${rootAttrs}><channel>${channel}${items}</channel></rss>`;
}
