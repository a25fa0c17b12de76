import { hash as digest, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiKeys } from '../db/schema/index.js';
import { badInput, notFound } from '../shared/errors.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

// One-shot crypto.hash: no Hash object per lookup (this runs on every keyed request).
const hash = (secret: string) => digest('sha256', secret, 'hex');

/** Creates a key; the secret is returned this once and only its hash is stored. */
export async function createApiKey(db: Db, name: string): Promise<{ key: ApiKeyRow; secret: string }> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw badInput('name must be 1–100 characters');
  const secret = `mlb_${randomBytes(24).toString('base64url')}`;
  const [key] = await db.insert(apiKeys).values({ name: trimmed, prefix: secret.slice(0, 10), keyHash: hash(secret) }).returning();
  return { key: key!, secret };
}

export async function revokeApiKey(db: Db, id: number): Promise<ApiKeyRow> {
  const [key] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  if (!key) throw notFound('no such API key, or it is already revoked');
  for (const [secretHash, found] of lookups) if (found.id === key.id) lookups.delete(secretHash);
  return key;
}

/** How long a key lookup is trusted: a key revoked by another process still works for this long. */
export const keyLookupTtlMs = 5000;

/** secret hash → live key id (or none), and when it was looked up; bounded, so junk tokens cannot grow it. */
const lookups = new Map<string, { id: number | undefined; at: number }>();
const maxLookups = 10_000;

/** What findApiKeyId would answer, when it can answer from its cache: `{ id }`, else undefined. */
export function cachedApiKeyId(secret: string): { id: number | undefined } | undefined {
  const cached = lookups.get(hash(secret));
  return cached && performance.now() - cached.at < keyLookupTtlMs ? cached : undefined;
}

/** The id of the live key a secret belongs to, or undefined (unknown or revoked); cached for `keyLookupTtlMs`. */
export async function findApiKeyId(db: Db, secret: string): Promise<number | undefined> {
  const secretHash = hash(secret);
  const cached = lookups.get(secretHash);
  if (cached && performance.now() - cached.at < keyLookupTtlMs) return cached.id;
  const [key] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, secretHash), isNull(apiKeys.revokedAt)));
  lookups.delete(secretHash);
  if (lookups.size >= maxLookups) lookups.delete(lookups.keys().next().value!);
  lookups.set(secretHash, { id: key?.id, at: performance.now() });
  return key?.id;
}
