import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentChanged, dataVersion, newsChanged, stampMaxAgeMs } from '../../src/cache/data-version.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

describe(`data version on ${backend}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.dispose();
  });

  /** A write another process could have made: the stamp sees it, this process was not told. */
  const writeElsewhere = () => database.db.execute(sql`insert into ingest_runs (trigger) values ('cli')`);

  it('sees another process’s write without making requests wait while traffic is steady, and waits after a quiet spell', async () => {
    const version = dataVersion(database);
    const first = await version.current();
    await writeElsewhere();
    expect(version.current()).toBe(first); // read less than a second ago: trusted

    // Past stampMaxAgeMs the stamp is re-read in the background: this answer does not wait for it...
    await sleep(stampMaxAgeMs + 100);
    expect(version.current()).toBe(first);
    // ...and the next ones see the write once that read is back.
    let seen = first;
    for (let i = 0; i < 100 && seen === first; i++) {
      await sleep(20);
      seen = (await version.current()) as number;
    }
    expect(seen).toBeGreaterThan(first);

    // After 2 × stampMaxAgeMs without a read, a caller waits for the database: never an older answer.
    await sleep(2 * stampMaxAgeMs + 100);
    await writeElsewhere();
    const waited = version.current();
    expect(waited).toBeInstanceOf(Promise);
    expect(await waited).toBeGreaterThan(seen);
  });

  it('moves at once for news and content this process wrote; its content part only for content', async () => {
    const version = dataVersion(database);
    const whole = (await version.current()) as number;
    const content = version.content();
    newsChanged();
    expect(version.current()).toBe(whole + 1);
    expect(version.content()).toBe(content);
    contentChanged();
    expect(version.current()).toBe(whole + 2);
    expect(version.content()).toBe(content + 1);
  });
});
