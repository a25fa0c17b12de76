import { createHash } from 'node:crypto';

/** Longer identities are hashed: a hostile GUID must not overflow the store's unique index. */
const MAX_IDENTITY_LENGTH = 512;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function tagged(kind: string, value: string): string {
  const identity = `${kind}:${value}`;
  return identity.length <= MAX_IDENTITY_LENGTH ? identity : `${kind}:sha256:${sha256(value)}`;
}

/**
 * A story's identity within its source, prefixed by kind so a GUID can never equal a URL or a
 * hash. arXiv papers come first so that v1 and v2 of a paper (new GUID, new link) are one story.
 * An item without a GUID is known by its link, then its enclosure: an edited title keeps it one
 * story. Only an item with none of these falls back to a hash of its title and date.
 * The hash takes the feed's raw date, not the bounded one: a future date would otherwise turn
 * into a real one later and change the identity.
 */
export function identityOf(input: {
  arxivId: string | null;
  guid: string | null;
  url: string | null;
  enclosure?: string | null;
  title: string;
  rawDate: Date | null;
}): string {
  if (input.arxivId) return `arxiv:${input.arxivId}`;
  if (input.guid) return tagged('guid', input.guid);
  if (input.url) return tagged('url', input.url);
  if (input.enclosure) return tagged('enclosure', input.enclosure);
  return `hash:${sha256(`${input.title}|${input.rawDate?.toISOString() ?? ''}`)}`;
}
