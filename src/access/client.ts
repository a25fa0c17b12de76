import type { Db } from '../db/client.js';
import { AppError } from '../shared/errors.js';
import { cachedApiKeyId, findApiKeyId } from './api-keys.js';

/** Who is asking: rate limits are charged per API key, or per client address when anonymous. */
export type Client = { kind: 'anonymous'; address: string } | { kind: 'key'; keyId: number } | { kind: 'admin' };

export function bucketOf(client: Client): string {
  return client.kind === 'key' ? `key:${client.keyId}` : client.kind === 'admin' ? 'admin' : `ip:${client.address}`;
}

/**
 * A bearer token is the admin token or a live API key. Any other (unknown, revoked, or a wrong admin
 * token: the same header carries both, so they cannot be told apart) is UNAUTHENTICATED, never
 * anonymous: an app whose key stopped working hears it at once instead of at the lower limit.
 */
export async function identifyClient(db: Db, bearer: string | undefined, isAdmin: boolean, address: string): Promise<Client> {
  if (!bearer) return { kind: 'anonymous', address };
  if (isAdmin) return { kind: 'admin' };
  const keyId = await findApiKeyId(db, bearer);
  if (keyId === undefined) throw unknownKey();
  return { kind: 'key', keyId };
}

export const unknownKey = () => new AppError('UNAUTHENTICATED', 'the Authorization bearer token is not a live API key: it is unknown or was revoked');

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
 * key this process looked up recently); undefined otherwise, and for a token known to be no key
 * (the slow path answers 401). Used on the cached-response path.
 * A live key found in the lookup cache answers before the admin comparison is made (the admin
 * token is never looked up as a key, so it cannot be in that cache): a keyed request is one lookup.
 */
export function knownClient(db: Db, bearer: string | undefined, isAdmin: () => boolean, address: string, now = performance.now()): Client | undefined {
  if (!bearer) return { kind: 'anonymous', address };
  const cached = cachedApiKeyId(db, bearer, now);
  if (cached?.id !== undefined) return { kind: 'key', keyId: cached.id };
  if (isAdmin()) return { kind: 'admin' };
  return undefined;
}
