import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEdition } from '../../src/daily/build.js';
import { editionForReading, publishWhenNewsIsIn } from '../../src/daily/reading.js';
import { queryRows } from '../../src/db/client.js';
import { addDays, dateIn, startOfDay } from '../../src/shared/dates.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

const today = dateIn('UTC', new Date());
const hour = 3_600_000;

/** When reading an edition may freeze it: only once the news of its window is in. */
describe(`reading an edition that is not published on ${backend}`, () => {
  let database: TestDatabase;
  const deps = () => ({ database, timeZone: 'UTC' });
  const stored = async () =>
    (await queryRows<{ date: string }>(database.db, sql`select date::text as date from editions order by date`)).map((r) => r.date);
  const run = (status: string, startedAt: Date, finishedAt: Date | null, sourcesFailed = 0) =>
    database.db.execute(
      sql`insert into ingest_runs (trigger, status, started_at, finished_at, sources_total, sources_failed)
          values ('cli', ${status}, ${startedAt.toISOString()}::timestamptz, ${finishedAt?.toISOString() ?? null}::timestamptz, 21, ${sourcesFailed})`,
    );

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true }); // concepts, and enabled sources nothing has fetched
  });
  afterAll(() => database.dispose());

  it("gives today's preview, stores nothing, and finds no edition for an earlier date, while no ingest pass has run", async () => {
    const now = new Date();
    const read = await editionForReading({ ...deps(), now: () => now }, today);
    expect(read.preview).toBe(true);
    expect(read.edition.date).toBe(today);
    expect(read.edition.publishedAt).toEqual(now);
    expect(read.edition.content.concepts).toHaveLength(5);
    expect(read.edition.id).toBeLessThan(0); // no stored edition has it
    await expect(editionForReading(deps(), addDays(today, -5))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await publishWhenNewsIsIn(deps(), today)).toBeUndefined();
    expect(await stored()).toEqual([]);
  });

  it("finds no edition for a date before this installation's first ingest, unless one was published", async () => {
    const first = new Date(startOfDay(addDays(today, -3), 'UTC').getTime() + 9 * hour);
    await run('abandoned', first, first);
    await expect(editionForReading(deps(), addDays(today, -4))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await editionForReading(deps(), addDays(today, -3))).preview).toBe(true);
    await publishEdition(deps(), addDays(today, -60)); // an admin's backfill
    expect((await editionForReading(deps(), addDays(today, -60))).edition.date).toBe(addDays(today, -60));
    await database.db.execute(sql`delete from editions`);
  });

  it('does not count a pass still running, abandoned, begun before the window closed, or whose every feed failed', async () => {
    const start = startOfDay(today, 'UTC');
    await run('abandoned', new Date(start.getTime() + 60_000), new Date(start.getTime() + 120_000));
    await run('succeeded', new Date(start.getTime() + 60_000), new Date(start.getTime() + 120_000), 21); // offline
    await run('succeeded', new Date(start.getTime() - hour), new Date(start.getTime() + 10 * 60_000));
    await run('running', new Date(start.getTime() + 60_000), null);
    expect((await editionForReading(deps(), today)).preview).toBe(true);
    // Yesterday's window closed before that pass began: its news is in.
    const yesterday = await editionForReading(deps(), addDays(today, -1));
    expect(yesterday.preview).toBe(false);
    expect(await stored()).toEqual([addDays(today, -1)]);
  });

  it('publishes on a read, as previewed, once a pass that began after the window closed has succeeded', async () => {
    const preview = await editionForReading(deps(), today);
    expect(preview.preview).toBe(true);
    await run('succeeded', new Date(startOfDay(today, 'UTC').getTime() + 1000), new Date());
    const read = await editionForReading(deps(), today);
    expect(read.preview).toBe(false);
    expect(read.edition.id).toBeGreaterThan(0);
    // Built as publishing builds it: the same rotation and the same stories.
    expect(read.edition.conceptSlugs).toEqual(preview.edition.conceptSlugs);
    expect(read.edition.content.stories).toEqual(preview.edition.content.stories);
    expect(await stored()).toEqual([addDays(today, -1), today]);
    expect((await editionForReading(deps(), today)).edition).toEqual(read.edition);
  });

  it('publishes on a read when no source is enabled: no news will come', async () => {
    const date = addDays(today, -30);
    await database.db.execute(sql`delete from ingest_runs`);
    await run('abandoned', startOfDay(addDays(today, -40), 'UTC'), null); // the first ingest, long ago
    expect((await editionForReading(deps(), date)).preview).toBe(true);
    await database.db.execute(sql`update sources set enabled = false`);
    expect((await editionForReading(deps(), date)).preview).toBe(false);
    expect(await stored()).toContain(date);
  });

  it('refuses a future date or a bad one, as publishing does', async () => {
    await expect(editionForReading(deps(), addDays(today, 1))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(editionForReading(deps(), '2026-02-30')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
