import { sql } from 'drizzle-orm';
import type { RunningApp } from '../../src/app.js';
import { addDays, dateIn, startOfDay } from '../../src/shared/dates.js';
import { gql, startTestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { rss, startFeedServer, xml } from '../support/feed-server.js';

const token = 'test-admin-token-0123456789';
export const admin = { authorization: `Bearer ${token}` };
export const today = dateIn('UTC', new Date());
export const yesterday = addDays(today, -1);

/** What a browser sends when it navigates to a page. */
export const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

export interface ReaderFixture {
  app: RunningApp;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real app over a fresh seeded database, with news: three fixture feeds on 127.0.0.1 (one
 * story covered by two of them, stories that mention concepts) ingested through the API, and
 * today's and yesterday's editions published.
 */
export async function readerFixture(): Promise<ReaderFixture> {
  const database = await createTestDatabase({ seeded: true });
  // Yesterday's news is today's edition (a morning paper): date the items inside that window.
  const at = (hours: number) => new Date(startOfDay(today, 'UTC').getTime() - hours * 3_600_000).toUTCString();
  const feeds = await startFeedServer({
    '/lab': xml(
      rss(
        [
          { title: 'Residual connections make 1,000-layer transformers trainable', link: 'https://lab.example.org/residual', guid: 'l1', date: at(5), description: 'Skip connections and careful initialization keep the gradient alive.' },
          { title: 'LoRA adapters cut fine-tuning memory threefold', link: 'https://lab.example.org/lora', guid: 'l2', date: at(7) },
        ],
        'Lab',
      ),
    ),
    '/news': xml(
      rss(
        [
          { title: 'Residual connections make 1,000-layer transformers trainable', link: 'https://lab.example.org/residual', guid: 'n1', date: at(4) },
          { title: 'A large study of dropout in vision transformers', link: 'https://news.example.org/dropout', guid: 'n2', date: at(9) },
        ],
        'News',
      ),
    ),
    '/blog': xml(rss([{ title: 'Mixture of experts routing, explained with examples', link: 'https://blog.example.org/moe', guid: 'b1', date: at(11) }], 'Blog')),
  });
  const app = await startTestApp(database, { ADMIN_TOKEN: token, FETCH_ALLOW_PRIVATE_NETWORKS: 'true', EDITION_TIMEZONE: 'UTC', RATE_LIMIT_ANONYMOUS: '0' });
  try {
    // The seeded real feeds: tests never reach the internet.
    await database.db.execute(sql`delete from sources`);
    for (const [path, name] of [['/lab', 'Lab'], ['/news', 'News'], ['/blog', 'Blog']] as const) {
      const added = await gql(app.url, `mutation($url: String!, $name: String) { addSource(input: { url: $url, name: $name, publisher: $name, weight: 5 }) { id } }`, { url: feeds.url(path), name }, admin);
      if (added.errors) throw new Error(JSON.stringify(added.errors));
    }
    const run = await gql(app.url, 'mutation { runIngest { itemsNew sourcesFailed } }', {}, admin);
    if (run.errors || run.data!.runIngest.sourcesFailed) throw new Error(`ingest failed: ${JSON.stringify(run)}`);
    for (const date of [yesterday, today]) {
      const published = await gql(app.url, `mutation($date: Date) { publishEdition(date: $date) { date } }`, { date }, admin);
      if (published.errors) throw new Error(JSON.stringify(published.errors));
    }
  } catch (error) {
    await app.stop();
    await feeds.close();
    await database.dispose();
    throw error;
  }
  await feeds.close();
  return {
    app,
    database,
    close: async () => {
      await app.stop();
      await database.dispose();
    },
  };
}
