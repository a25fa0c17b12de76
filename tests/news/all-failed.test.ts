import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest, type IngestDeps } from '../../src/news/ingest.js';
import { addSource, updateSource } from '../../src/news/sources.queries.js';
import { registry } from '../../src/shared/metrics.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { rss, startFeedServer, xml } from '../support/feed-server.js';

describe(`an ingest pass in which every source fails on ${backend}`, () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startFeedServer>>;
  let deps: IngestDeps;
  const lines: { level: number; msg: string; sourcesFailed?: number }[] = [];
  let good: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startFeedServer({
      '/down-1': (_req, res) => res.writeHead(503).end(),
      '/down-2': (_req, res) => res.destroy(),
      '/up': xml(rss([{ title: 'Still here', link: 'https://up.example/1', guid: 'u1' }])),
    });
    await addSource(database.db, { url: server.url('/down-1') });
    await addSource(database.db, { url: server.url('/down-2') });
    good = (await addSource(database.db, { url: server.url('/up') })).id;
    await updateSource(database.db, good, { enabled: false });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    deps = { database, logger: pino({ level: 'info' }, sink), fetch: { timeoutMs: 4000, maxBytes: 1_000_000, allowPrivateNetworks: true, userAgent: 'test' } };
  });
  afterAll(async () => {
    await server.close();
    await database.dispose();
  });

  const gauge = async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0]?.value;

  it('logs at warn and sets mlbrief_ingest_last_pass_sources_failed', async () => {
    await runIngest(deps, { trigger: 'cli' });
    const finished = lines.filter((l) => l.msg.startsWith('ingest pass finished'));
    expect(finished).toEqual([expect.objectContaining({ level: 40, msg: 'ingest pass finished: every source failed', sourcesFailed: 2 })]);
    expect(await gauge('mlbrief_ingest_last_pass_sources_failed')).toBe(2);
    expect(await gauge('mlbrief_ingest_last_pass_sources')).toBe(2);
    expect(await registry.metrics()).toMatch(/^mlbrief_ingest_last_pass_sources_failed 2$/m);
  });

  it('logs at info when some source got through, and the gauge follows', async () => {
    await updateSource(database.db, good, { enabled: true });
    lines.length = 0;
    await database.db.execute(sql`update sources set next_attempt_at = null`); // no backoff for the second pass
    await runIngest(deps, { trigger: 'cli' });
    expect(lines.filter((l) => l.msg.startsWith('ingest pass finished'))).toEqual([expect.objectContaining({ level: 30, msg: 'ingest pass finished', sourcesFailed: 2 })]);
    expect(await gauge('mlbrief_ingest_last_pass_sources_failed')).toBe(2);
    expect(await gauge('mlbrief_ingest_last_pass_sources')).toBe(3);
  });
});
