import { ParseError, type ParsedFeed } from '../types.js';
import { decodeFeed } from './charset.js';
import { parseJsonFeed } from './json-feed.js';
import { resolveUrl } from './links.js';
import { parseXmlFeed } from './xml-feed.js';

export interface FeedMeta {
  contentType: string | null;
  url: string;
}

/** The whole parse on the current thread: decode, then JSON Feed or XML. */
export async function parseBody(body: Uint8Array, meta: FeedMeta): Promise<ParsedFeed> {
  const text = decodeFeed(body, meta.contentType);
  const start = text.search(/\S/);
  if (start === -1) throw new ParseError('NOT_A_FEED', 'the body is empty');
  const url = resolveUrl(meta.url, null);
  const jsonType = /^\s*application\/(?:feed\+)?json\b/i.test(meta.contentType ?? '');
  if (text[start] === '{' || (jsonType && text[start] !== '<')) return parseJsonFeed(text, url);
  return parseXmlFeed(text, url);
}
