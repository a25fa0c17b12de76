import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowCandidates } from '../../src/daily/candidates.queries.js';
import { judgeCluster } from '../../src/daily/rank/index.js';
import { clusterStories } from '../../src/news/cluster/index.js';
import { addSource } from '../../src/news/sources.queries.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * An aggregator's link to an article of a newsroom this installation follows counts for that
 * newsroom, even when the newsroom's own feed did not carry it in the window (on 2023-11-17 Hacker
 * News linked The Verge's piece on Gemini's delay, published the day before: tests/data/days).
 */
describe(`an aggregator's link to a followed newsroom on ${backend}`, () => {
  let database: TestDatabase;
  const start = new Date('2026-03-01T00:00:00Z');
  const end = new Date('2026-03-02T00:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    await db.execute(sql`delete from sources`);
    const verge = await addSource(db, { url: 'https://www.theverge.com/rss/index.xml', name: 'The Verge', publisher: 'The Verge' });
    await db.execute(sql`update sources set site_url = 'https://www.theverge.com/' where id = ${verge.id}`);
    await addSource(db, { url: 'https://rss.arxiv.org/rss/cs.LG', name: 'arXiv cs.LG' });
    const gone = await addSource(db, { url: 'https://gone.example/feed', name: 'Gone' });
    // Removed, kept for the stories published editions show (removeSource deletes a source that has none).
    await db.execute(sql`update sources set removed_at = now(), enabled = false where id = ${gone.id}`);
    const hn = await addSource(db, { url: 'https://hnrss.org/frontpage', name: 'Hacker News', publisher: 'Hacker News', kind: 'aggregator' });
    const links: [string, string][] = [
      ['Google’s Gemini model is delayed', 'https://www.theverge.com/2026/2/28/gemini-delayed'],
      ['A theory on Adam instability', 'https://arxiv.org/abs/2304.09871'],
      ['Show HN: a tool for prompts', 'https://github.com/example/prompts'],
      ['A piece on a site no longer followed', 'https://gone.example/2026/piece'],
    ];
    for (const [i, [title, url]] of links.entries()) {
      await db.execute(sql`insert into stories (source_id, identity, url, title, summary, published_at)
        values (${hn.id}, ${`hn:${i}`}, ${url}, ${title}, '', '2026-03-01T12:00:00Z')`);
    }
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('counts the newsroom as a publisher of the story, and not arXiv, an unknown site or a removed source', async () => {
    const candidates = await windowCandidates(database.db, start, end);
    const linked = Object.fromEntries(candidates.map((c) => [c.title, c.linkedPublisher]));
    expect(linked).toEqual({
      'Google’s Gemini model is delayed': 'The Verge',
      'A theory on Adam instability': null,
      'Show HN: a tool for prompts': null,
      'A piece on a site no longer followed': null,
    });
    const clusters = clusterStories(candidates);
    const gemini = clusters.find((c) => c.representative.title.startsWith('Google’s Gemini'))!;
    expect(gemini.publishers).toEqual(['Hacker News', 'The Verge']);
    const judged = judgeCluster(gemini, 'own', 0, end);
    expect(judged.score.coverage).toBeCloseTo(4 * Math.log(2), 3);
    expect(judged.reasons[0]).toMatch(/The Verge/);
    const prompts = clusters.find((c) => c.representative.title.startsWith('Show HN'))!;
    expect(prompts.publishers).toEqual(['Hacker News']);
  });
});
