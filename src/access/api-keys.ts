import { hash as digest, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiKeys } from '../db/schema/index.js';
import { badInput, notFound } from '../shared/errors.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

// One-shot crypto.hash: no Hash object per lookup.
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
  revocations++;
  for (const [secret, found] of lookups) if (found.id === key.id) lookups.delete(secret);
  return key;
}

/** How long a key lookup is trusted: a key revoked by another process still works for this long. */
export const keyLookupTtlMs = 5000;

interface Lookup {
  id: number | undefined;
  at: number;
}

/**
 * secret → live key id (or none), and when it was looked up; bounded, so junk tokens cannot grow it.
 * Keyed by the secret itself so a client repeating its key is not hashed on every request (issue 7:
 * sha256 was a sixth of the cached path's own CPU time): it holds secrets just sent to this
 * process, trusted for `keyLookupTtlMs`; revoking a key drops them at once. The admin token never
 * enters it (it is never looked up as a key).
 */
const lookups = new Map<string, Lookup>();
const maxLookups = 10_000;

const fresh = (lookup: Lookup | undefined, now: number): lookup is Lookup => lookup !== undefined && now - lookup.at < keyLookupTtlMs;

/** Past this age a cached lookup still answers, and the request that reads it has it looked up again. */
export const keyRefreshAfterMs = keyLookupTtlMs / 2;

/** Lookups in flight, one per secret: the requests of a burst with one key wait on one statement. */
const inFlight = new Map<string, Promise<number | undefined>>();

/** Moves when this process revokes a key: a lookup that started before must not store it as live again. */
let revocations = 0;

/**
 * What findApiKeyId would answer, when it can answer from its cache: `{ id }`, else undefined.
 * `now` is a performance.now() reading the caller already has (one clock read per cached request).
 * A lookup older than `keyRefreshAfterMs` is looked up again in the background: under steady
 * traffic a key's entry never expires, so no request of an app's steady stream leaves the cached
 * path to wait for the database (at each expiry, every request in flight did, each with its own
 * lookup), and a key revoked elsewhere still stops working within `keyLookupTtlMs`.
 */
export function cachedApiKeyId(db: Db, secret: string, now = performance.now()): { id: number | undefined } | undefined {
  const cached = lookups.get(secret);
  if (!fresh(cached, now)) return undefined;
  if (now - cached.at >= keyRefreshAfterMs && !inFlight.has(secret)) void lookUp(db, secret).catch(() => {});
  return cached;
}

/** The id of the live key a secret belongs to, or undefined (unknown or revoked); cached for `keyLookupTtlMs`. */
export async function findApiKeyId(db: Db, secret: string): Promise<number | undefined> {
  const cached = lookups.get(secret);
  if (fresh(cached, performance.now())) return cached.id;
  return lookUp(db, secret);
}

function lookUp(db: Db, secret: string): Promise<number | undefined> {
  let pending = inFlight.get(secret);
  if (!pending) {
    pending = readKey(db, secret).finally(() => inFlight.delete(secret));
    inFlight.set(secret, pending);
  }
  return pending;
}

async function readKey(db: Db, secret: string): Promise<number | undefined> {
  // Trusted from when the statement was sent: the answer is no older than that.
  const at = performance.now();
  const seen = revocations;
  const [key] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash(secret)), isNull(apiKeys.revokedAt)));
  if (seen === revocations) {
    lookups.delete(secret);
    if (lookups.size >= maxLookups) lookups.delete(lookups.keys().next().value!);
    lookups.set(secret, { id: key?.id, at });
  }
  return key?.id;
}

/** Every key, newest first, revoked ones included (they show when they were revoked). */
export async function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).orderBy(desc(apiKeys.id));
}
