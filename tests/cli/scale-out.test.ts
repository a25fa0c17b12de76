import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { addSource } from '../../src/news/sources.queries.js';
import { logMatch, mlbrief, type RunningCommand } from '../support/cli.js';
import { commandDatabase, type CommandDatabase } from '../support/data-dir.js';
import { backend } from '../support/database.js';
import { rss, startFeedServer, xml } from '../support/feed-server.js';

/** Two API processes and two workers on one PostgreSQL, as README's "Scaling out" describes. */
describe.runIf(backend === 'postgres')('scaling out on one PostgreSQL', () => {
  let database: CommandDatabase;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  const children: RunningCommand[] = [];
  let urls: string[];

  beforeAll(async () => {
    feeds = await startFeedServer({ '/f': xml(rss([{ title: 'Dropout news', link: 'https://x.example.org/1', guid: 'x1' }])) });
    // Seeded as a first `serve` leaves it; the feeds are only our fixture (tests never reach the internet).
    database = await commandDatabase('mlbrief-scale-out-', {
      seeded: true,
      fill: async ({ db }) => {
        await db.execute(sql`delete from sources`);
        await addSource(db, { url: feeds.url('/f'), name: 'fixture' });
      },
    });
    const env = {
      ...database.env,
      LOG_LEVEL: 'info',
      PORT: '0',
      FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
      INGEST_CRON: '*/2 * * * * *',
      EDITION_CRON: '*/2 * * * * *',
      RATE_LIMIT_ANONYMOUS: '300',
    };
    // All four start together, as replicas of a deployment do: each migrates (nothing to do) at once.
    const start = (args: string[]) => {
      const command = mlbrief(args, env);
      children.push(command);
      return command;
    };
    const [apiA, apiB, workerA, workerB] = [start(['serve', '--no-worker']), start(['serve', '--no-worker']), start(['worker']), start(['worker'])];
    urls = await Promise.all([apiA, apiB].map(async (api) => (await logMatch(api, /"url":"(http:[^"]+)"/))[1]!));
    await Promise.all([workerA, workerB].map((worker) => logMatch(worker, /scheduler started/)));
    await new Promise((r) => setTimeout(r, 7000)); // several ticks
  }, 60_000);

  afterAll(async () => {
    for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGTERM');
    await Promise.all(children);
    await feeds?.close();
    await database?.dispose();
  });

  const query = <T>(statement: SQL) => database.withDatabase((db) => queryRows<T>(db.db, statement));

  it('runs one ingest per schedule tick however many workers share it', async () => {
    const runs = await query<{ slot: string; n: number }>(sql`select slot, count(*)::int as n from ingest_runs where slot is not null group by slot`);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const r of runs) expect(r.n).toBe(1);
    // One run per tick whatever the slots are called: two workers naming one tick differently
    // (per process, say) would each pass the slot's UNIQUE constraint.
    const ticks = new Map<string, number>();
    for (const r of runs.filter((r) => !r.slot.startsWith('ingest:start:'))) {
      const tick = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.exec(r.slot)?.[0];
      expect(tick, `a scheduled run's slot names its tick: ${r.slot}`).toBeDefined();
      ticks.set(tick!, (ticks.get(tick!) ?? 0) + r.n);
    }
    expect(ticks.size).toBeGreaterThanOrEqual(1);
    expect([...ticks].filter(([, n]) => n > 1)).toEqual([]);
    const [stories] = await query<{ n: number }>(sql`select count(*)::int as n from stories`);
    expect(stories!.n).toBe(1);
  });

  it('publishes one edition per date', async () => {
    const rows = await query<{ date: string; n: number }>(sql`select date::text, count(*)::int as n from editions group by date`);
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
