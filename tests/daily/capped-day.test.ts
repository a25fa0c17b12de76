import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainEdition, publishEdition } from '../../src/daily/build.js';
import { addSource } from '../../src/news/sources.queries.js';
import { addDays, dateIn, startOfDay } from '../../src/shared/dates.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * A day with five stories of its own, three of them from one publisher: the two-per-publisher rule
 * leaves a place empty, and reach-back fills it (PRODUCT.md: reach-back fills the places left).
 */
describe(`a day whose own stories the publisher cap leaves short on ${backend}`, () => {
  let database: TestDatabase;
  const tz = 'UTC';
  const date = addDays(dateIn(tz, new Date()), -1);
  const at = (day: string, hour: number) => new Date(startOfDay(day, tz).getTime() + hour * 3_600_000).toISOString();

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    await db.execute(sql`delete from sources`);
    const [lab, wire, press] = [
      await addSource(db, { url: 'https://lab.example/feed', name: 'Lab', publisher: 'Lab' }),
      await addSource(db, { url: 'https://wire.example/feed', name: 'Wire', publisher: 'Wire' }),
      await addSource(db, { url: 'https://press.example/feed', name: 'Press', publisher: 'Press' }),
    ];
    const own = addDays(date, -1);
    const stories: [number, string, string, string][] = [
      [lab!.id, 'Lab trains a sparse mixture-of-experts language model on a trillion tokens', 'https://lab.example/moe', at(own, 9)],
      [lab!.id, 'Lab releases a diffusion model for protein structure generation', 'https://lab.example/protein-diffusion', at(own, 10)],
      [lab!.id, 'Lab fine-tunes a vision transformer for medical image segmentation', 'https://lab.example/vit-segmentation', at(own, 11)],
      [wire!.id, 'Speculative decoding makes LLM inference twice as fast on GPUs', 'https://wire.example/speculative-decoding', at(own, 12)],
      [wire!.id, 'New benchmark tests long-context reasoning in large language models', 'https://wire.example/long-context-benchmark', at(own, 13)],
      [press!.id, 'Graph neural networks predict traffic with transformer attention', 'https://press.example/gnn-traffic', at(addDays(own, -1), 12)],
    ];
    for (const [i, [source, title, url, published]] of stories.entries()) {
      await db.execute(sql`insert into stories (source_id, identity, url, title, summary, published_at)
        values (${source}, ${`s:${i}`}, ${url}, ${title}, '', ${published})`);
    }
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('fills the place the cap left with a reach-back story, and leaves the third from one publisher out', async () => {
    const edition = await publishEdition({ database, timeZone: tz }, date);
    const stories = edition.content.stories;
    expect(stories.map((s) => s.sourceName).sort()).toEqual(['Lab', 'Lab', 'Press', 'Wire', 'Wire']);
    const filled = stories.find((s) => s.sourceName === 'Press')!;
    expect(filled.rank).toBe(5);
    expect(filled.reasons.some((r) => /filling a place the day's own stories left empty/.test(r))).toBe(true);
    expect(edition.content.window.reachedBackDays).toBe(2);
    // All five of the day's own are about ML (none ruled out): only the cap left the place empty.
    const { plan } = await explainEdition(database.db, date, tz, new Date());
    const capped = plan.ranked.filter((r) => 'excluded' in r.outcome);
    expect(capped.map((r) => [r.cluster.representative.publisher, (r.outcome as { excluded: string }).excluded])).toEqual([['Lab', 'Lab already has 2 of the 5']]);
  });
});
