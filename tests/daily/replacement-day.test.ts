import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainEdition, publishEdition } from '../../src/daily/build.js';
import { addSource } from '../../src/news/sources.queries.js';
import { addDays, dateIn, startOfDay } from '../../src/shared/dates.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * An arXiv replacement (a new version of a paper announced before) is old news: on a day with
 * places to spare it still takes none of them, however relevant its title.
 */
describe(`a thin day with an arXiv replacement on ${backend}`, () => {
  let database: TestDatabase;
  const tz = 'UTC';
  const date = addDays(dateIn(tz, new Date()), -1);
  const at = (hour: number) => new Date(startOfDay(addDays(date, -1), tz).getTime() + hour * 3_600_000).toISOString();

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    await db.execute(sql`delete from sources`);
    const lab = await addSource(db, { url: 'https://lab.example/feed', name: 'Lab', publisher: 'Lab' });
    const arxiv = await addSource(db, { url: 'https://rss.arxiv.org/rss/cs.LG', name: 'arXiv cs.LG' });
    await db.execute(sql`insert into stories (source_id, identity, url, title, summary, published_at)
      values (${lab.id}, 'lab:1', 'https://lab.example/speculative-decoding', 'Speculative decoding makes LLM inference twice as fast on GPUs', '', ${at(10)})`);
    await db.execute(sql`insert into stories (source_id, identity, url, title, summary, published_at, arxiv_id, arxiv_announce)
      values (${arxiv.id}, 'arxiv:2311.09999', 'https://arxiv.org/abs/2311.09999', 'Sparse mixture-of-experts transformers for long-context language modeling', '', ${at(4)}, '2311.09999', 'replace')`);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('leaves the replacement out, and says why', async () => {
    const edition = await publishEdition({ database, timeZone: tz }, date);
    expect(edition.content.stories.map((s) => s.sourceName)).toEqual(['Lab']);
    const { plan } = await explainEdition(database.db, date, tz, new Date());
    const out = plan.ranked.filter((r) => r.cluster.representative.title.startsWith('Sparse'));
    expect(out.map((r) => r.outcome)).toEqual([{ excluded: expect.stringMatching(/replacement/) }]);
  });
});
