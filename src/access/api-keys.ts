import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiKeys } from '../db/schema/index.js';
import { badInput, notFound } from '../shared/errors.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

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
  return key;
}

/** The live key a secret belongs to, or undefined (unknown or revoked). */
export async function findApiKey(db: Db, secret: string): Promise<ApiKeyRow | undefined> {
  const [key] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash(secret)), isNull(apiKeys.revokedAt)));
  return key;
}
