import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedApiKeyId, createApiKey, findApiKeyId, keyLookupTtlMs, keyRefreshAfterMs } from '../../src/access/api-keys.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

describe(`API key lookups on ${backend}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('a burst of requests with a key not yet known makes one statement', async () => {
    const { key, secret } = await createApiKey(database.db, 'burst');
    const before = database.stats.statements;
    const ids = await Promise.all(Array.from({ length: 20 }, () => findApiKeyId(database.db, secret)));
    expect(ids).toEqual(Array(20).fill(key.id));
    expect(database.stats.statements - before).toBe(1);
  });

  it('trusts a lookup for keyLookupTtlMs and not a moment longer', async () => {
    const { key, secret } = await createApiKey(database.db, 'idle');
    const before = performance.now();
    await findApiKeyId(database.db, secret);
    const after = performance.now();
    // The entry's age is counted from when its statement was sent, somewhere between the two readings.
    expect(cachedApiKeyId(database.db, secret, after + keyLookupTtlMs)).toBeUndefined();
    expect(cachedApiKeyId(database.db, secret, before + keyLookupTtlMs - 1)).toEqual(expect.objectContaining({ id: key.id }));
  });

  it('looks a key up again ahead of expiry while it is used: a revocation elsewhere shows before the entry would expire', async () => {
    const { key, secret } = await createApiKey(database.db, 'steady');
    await findApiKeyId(database.db, secret);
    const lookedUpAt = performance.now();
    // Revoked by another process: this one's entry still says live...
    await database.db.execute(sql`update api_keys set revoked_at = now() where id = ${key.id}`);
    expect(cachedApiKeyId(database.db, secret, lookedUpAt + keyRefreshAfterMs - 10)).toEqual(expect.objectContaining({ id: key.id }));
    const before = database.stats.statements;
    // ...and a request reading it past the refresh age has it looked up again (once for the burst).
    for (let i = 0; i < 5; i++) expect(cachedApiKeyId(database.db, secret, lookedUpAt + keyRefreshAfterMs + 10)?.id).toBe(key.id);
    let id: number | undefined = key.id;
    for (let i = 0; i < 50 && id !== undefined; i++) {
      await sleep(20);
      id = cachedApiKeyId(database.db, secret)?.id;
    }
    expect(id).toBeUndefined();
    expect(database.stats.statements - before).toBe(1);
    // Long before the first lookup would have expired.
    expect(performance.now() - lookedUpAt).toBeLessThan(keyLookupTtlMs);
  });
});
