import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainEdition, publishEdition } from '../../src/daily/build.js';
import { explainLines } from '../../src/daily/explain.js';
import { runIngest } from '../../src/news/ingest.js';
import { addSource } from '../../src/news/sources.queries.js';
import { createLogger } from '../../src/shared/logger.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFeedServer, xml } from '../support/feed-server.js';

interface Manifest {
  newsDay: string;
  editionDate: string;
  sources: { file: string; name: string; url: string; siteUrl?: string; kind: 'feed' | 'aggregator'; publisher: string; weight: number }[];
  /** `match`: a case-insensitive pattern that matches the headline of any story telling the event, and no other of the day. */
  notable: { event: string; evidence: string; match?: string }[];
  /** How many notable events the five held when the day was added or last improved: a floor. */
  notableInFive?: number;
  /** Events the five is known to tell twice today (clustering missed the join): a defect on record, so a new one or a fixed one both show. */
  toldTwice?: string[];
}

const daysDir = new URL('../data/days/', import.meta.url);
const days = readdirSync(daysDir).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();

/**
 * Whole real days (tests/data/days: archived feeds with their provenance, and an editor's list of
 * what mattered) replayed through the whole pipeline: served on 127.0.0.1, ingested, published.
 * The five are printed beside the notable events, for the README's comparison.
 */
describe.each(days)(`the real day %s through the whole pipeline on ${backend}`, (day) => {
  const manifest = JSON.parse(readFileSync(new URL(`${day}/manifest.json`, daysDir), 'utf8')) as Manifest;
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startFeedServer>>;

  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
    await database.db.execute(sql`delete from sources`);
    server = await startFeedServer(
      Object.fromEntries(manifest.sources.map((s) => [`/${s.file}`, xml(readFileSync(new URL(`${day}/${s.file}`, daysDir)))])),
    );
    for (const s of manifest.sources) {
      // The archived site link stands in for what a first fetch of the real feed would learn.
      const source = await addSource(database.db, { url: server.url(`/${s.file}`), name: s.name, weight: s.weight, publisher: s.publisher, kind: s.kind });
      if (s.siteUrl) await database.db.execute(sql`update sources set site_url = ${s.siteUrl} where id = ${source.id}`);
    }
    await runIngest(
      { database, logger: createLogger('silent'), fetch: { timeoutMs: 10_000, maxBytes: 10_000_000, allowPrivateNetworks: true, userAgent: 't' } },
      { trigger: 'cli' },
    );
  }, 300_000);
  afterAll(async () => {
    await server.close();
    await database.dispose();
  });

  it('publishes five stories, no replacement, at most two per publisher', async () => {
    const edition = await publishEdition({ database, timeZone: 'UTC' }, manifest.editionDate);
    // EXPLAIN=1 prints every candidate cluster of the day and what kept it out (as `mlbrief edition --explain`).
    if (process.env.EXPLAIN) console.log(explainLines(manifest.editionDate, (await explainEdition(database.db, manifest.editionDate, 'UTC', new Date())).plan).join('\n'));
    const stories = edition.content.stories;
    console.log(
      [`${day}: the five`, ...stories.map((s) => `  ${s.rank}. [${s.coverage}] ${s.title} (${s.publisher})`), '  notable:', ...manifest.notable.map((n) => `  - ${n.event}`)].join('\n'),
    );
    expect(stories.length).toBeGreaterThan(0);
    expect(stories.every((s) => !/UPDATED\)|\(arXiv:/.test(s.title))).toBe(true);
    const perPublisher = new Map<string, number>();
    for (const s of stories) perPublisher.set(s.publisher!, (perPublisher.get(s.publisher!) ?? 0) + 1);
    expect(Math.max(...perPublisher.values())).toBeLessThanOrEqual(2);

    // Judged as an editor would: how many of the day's notable events the five tell, and none twice.
    // A day is judged only if every listed event can be found in the five: no pattern, no judgement.
    expect(manifest.notable.filter((n) => !n.match).map((n) => n.event), 'listed events without a `match` pattern').toEqual([]);
    expect(manifest.notableInFive, 'the day has a `notableInFive` floor').toBeGreaterThan(0);
    const patterns = manifest.notable.map((n) => ({ event: n.event, re: new RegExp(n.match!, 'i') }));
    const told = patterns.map((p) => ({ event: p.event, stories: stories.filter((s) => p.re.test(s.title)).map((s) => s.rank) }));
    console.log(`${day}: ${told.filter((t) => t.stories.length > 0).length} of ${patterns.length} notable events in the five`);
    expect(told.filter((t) => t.stories.length > 1).map((t) => t.event), 'events told twice in one five').toEqual(manifest.toldTwice ?? []);
    expect(told.filter((t) => t.stories.length > 0).length).toBeGreaterThanOrEqual(manifest.notableInFive ?? 0);
  }, 300_000);
});
