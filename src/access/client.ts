import type { Db } from '../db/client.js';
import { cachedApiKeyId, findApiKeyId } from './api-keys.js';

/** Who is asking: rate limits are charged per API key, or per client address when anonymous. */
export type Client = { kind: 'anonymous'; address: string } | { kind: 'key'; keyId: number } | { kind: 'admin' };

export function bucketOf(client: Client): string {
  return client.kind === 'key' ? `key:${client.keyId}` : client.kind === 'admin' ? 'admin' : `ip:${client.address}`;
}

/**
 * A bearer token is the admin token or an API key. An unknown or revoked one reads as anonymous
 * (the lower limit, visible in X-RateLimit-Limit) and makes admin mutations FORBIDDEN: the same
 * header carries both kinds of token, so "wrong admin token" and "unknown key" cannot be told apart.
 */
export async function identifyClient(db: Db, bearer: string | undefined, isAdmin: boolean, address: string): Promise<Client> {
  if (!bearer) return { kind: 'anonymous', address };
  if (isAdmin) return { kind: 'admin' };
  const keyId = await findApiKeyId(db, bearer);
  return keyId === undefined ? { kind: 'anonymous', address } : { kind: 'key', keyId };
}

export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  // The usual form, read without a regular expression (the cached path reads it per request).
  if (authorization.startsWith('Bearer ') && isVisibleAscii(authorization, 7)) return authorization.slice(7);
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}

/** True when `text` from `start` on is one or more characters from ! to ~ (so no whitespace). */
function isVisibleAscii(text: string, start: number): boolean {
  if (text.length <= start) return false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/**
 * The same answer as identifyClient when it needs no database (no token, the admin token, or a
 * key this process looked up recently); undefined otherwise. Used on the cached-response path.
 * A live key found in the lookup cache answers before the admin comparison is made (the admin
 * token is never looked up as a key, so it cannot be in that cache): a keyed request is one lookup.
 */
export function knownClient(bearer: string | undefined, isAdmin: () => boolean, address: string, now = performance.now()): Client | undefined {
  if (!bearer) return { kind: 'anonymous', address };
  const cached = cachedApiKeyId(bearer, now);
  if (cached?.id !== undefined) return { kind: 'key', keyId: cached.id };
  if (isAdmin()) return { kind: 'admin' };
  return cached ? { kind: 'anonymous', address } : undefined;
}
