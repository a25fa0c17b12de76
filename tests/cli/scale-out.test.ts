import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { addSource } from '../../src/news/sources.queries.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { rss, startFeedServer, xml } from '../support/feed-server.js';

const main = path.resolve(import.meta.dirname, '../../dist/main.js');

/** Two API processes and two workers on one PostgreSQL, as README's "Scaling out" describes. */
describe.runIf(backend === 'postgres')('scaling out on one PostgreSQL', () => {
  let database: TestDatabase;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  const children: ChildProcess[] = [];
  const urls: string[] = [];

  function start(args: string[], env: Record<string, string>) {
    const child = spawn(process.execPath, [main, ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: database.url!, LOG_LEVEL: 'info', PORT: '0', FETCH_ALLOW_PRIVATE_NETWORKS: 'true', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    return new Promise<string>((resolve, reject) => {
      let log = '';
      child.stderr!.on('data', (d) => {
        log += d;
        const m = /"url":"(http:[^"]+)"/.exec(log);
        if (m) resolve(m[1]!);
        else if (/scheduler started/.test(log) && args[0] === 'worker') resolve('');
      });
      child.on('close', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${log.slice(-400)}`)));
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    feeds = await startFeedServer({ '/f': xml(rss([{ title: 'Dropout news', link: 'https://x.example.org/1', guid: 'x1' }])) });
    const env = { INGEST_CRON: '*/2 * * * * *', EDITION_CRON: '*/2 * * * * *', RATE_LIMIT_ANONYMOUS: '300' };
    // The first process migrates and seeds; then the feeds are only our fixture.
    urls.push(await start(['serve', '--no-worker'], env));
    await database.db.execute(sql`delete from sources`);
    await addSource(database.db, { url: feeds.url('/f'), name: 'fixture' });
    urls.push(await start(['serve', '--no-worker'], env));
    await Promise.all([start(['worker'], env), start(['worker'], env)]);
    await new Promise((r) => setTimeout(r, 7000)); // several ticks
  }, 60_000);

  afterAll(async () => {
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : (c.on('close', r), c.kill('SIGTERM'))))));
    await feeds.close();
    await database.dispose();
  });

  it('runs one ingest per schedule tick however many workers share it', async () => {
    const runs = await queryRows<{ slot: string; n: number }>(
      database.db,
      sql`select slot, count(*)::int as n from ingest_runs where slot is not null group by slot`,
    );
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const r of runs) expect(r.n).toBe(1);
    const [stories] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from stories`);
    expect(stories!.n).toBe(1);
  });

  it('publishes one edition per date', async () => {
    const rows = await queryRows<{ date: string; n: number }>(database.db, sql`select date::text, count(*)::int as n from editions group by date`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.n).toBe(1);
  });

  it('shares rate limits between the API processes', async () => {
    const ask = async (url: string) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ concepts(first: 10) { totalCount } }' }),
      });
      return Number(res.headers.get('x-ratelimit-remaining'));
    };
    const a = await ask(urls[0]!);
    const b = await ask(urls[1]!);
    expect(b).toBeLessThan(a);
  });
});
