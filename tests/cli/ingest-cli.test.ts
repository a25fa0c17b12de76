import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { sql } from 'drizzle-orm';
import { mlbrief as run } from '../support/cli.js';
import { commandDatabase, type CommandDatabase } from '../support/data-dir.js';
import { backend } from '../support/database.js';
import { rss, startFeedServer, xml } from '../support/feed-server.js';

/** The built `mlbrief`, allowed to fetch the fixture feeds on loopback. */
const mlbrief = (args: string[], env: Record<string, string>) =>
  run(args, { FETCH_ALLOW_PRIVATE_NETWORKS: 'true', FETCH_TIMEOUT_MS: '3000', ...env });

describe(`mlbrief sources and ingest on ${backend}`, () => {
  let database: CommandDatabase;
  let env: Record<string, string>;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;

  beforeAll(async () => {
    // Migrated already: the commands below test sources and ingest, not a first start (cli.test.ts does).
    database = await commandDatabase('mlbrief-ingest-cli-');
    env = database.env;
    feeds = await startFeedServer({
      '/a': xml(rss([{ title: 'Adam optimizer news', link: 'https://a.example.org/1', guid: 'a1' }])),
      '/b': xml(rss(Array.from({ length: 50 }, (_, i) => ({ title: `Story ${i}`, link: `https://b.example.org/${i}`, guid: `b${i}` })))),
      '/slow': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const t = setInterval(() => res.write(' '), 200);
        res.on('close', () => clearInterval(t));
      },
      '/broken': (_req, res) => res.writeHead(500).end(),
    });
  });
  afterAll(async () => {
    await feeds.close();
    await database?.dispose();
  });

  // On a database of its own, beside the next test: the two share no DATA_DIR.
  it.concurrent('refuses bad arguments with one line and exit 2, writing nothing', async ({ expect, onTestFinished }) => {
    const own = await commandDatabase('mlbrief-ingest-cli-args-');
    onTestFinished(() => own.dispose());
    const { env } = own;
    const cases = [
      ['sources', 'add', 'ftp://x.example.org'],
      ['sources', 'add', feeds.url('/a'), '--weight', '11'],
      ['sources', 'add', feeds.url('/a'), '--kind', 'podcast'],
      ['sources', 'add', feeds.url('/a'), '--publisher', '  '],
      ['sources', 'frob'],
      ['sources', 'list', '--name', 'x'],
      ['edition', '--publisher', 'x'],
    ];
    // All at once: each is refused before it opens the database, so none is refused for the lock
    // another holds (which would hide a write); the list below proves nothing was written.
    const runs = await Promise.all(cases.map((args) => mlbrief(args, env)));
    runs.forEach((run, i) => {
      const label = cases[i]!.join(' ');
      expect(run.code, label).toBe(2);
      expect(run.stderr.trim().split('\n'), label).toHaveLength(1);
      expect(run.stderr, label).not.toMatch(/in use by another mlbrief process/);
    });
    const list = await mlbrief(['sources', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([]);
  }, 180_000);

  it.concurrent('adds, lists and removes sources, with a publisher and kind given or inferred', async ({ expect }) => {
    for (const p of ['/a', '/b', '/slow', '/broken']) {
      const extra = p === '/b' ? ['--publisher', 'B News', '--kind', 'aggregator'] : [];
      const run = await mlbrief(['sources', 'add', feeds.url(p), '--name', `feed ${p}`, '--weight', '2', ...extra], env);
      expect(run.stdout).toMatch(/^added /);
    }
    const dup = await mlbrief(['sources', 'add', feeds.url('/a')], env);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/already exists/);
    const list = await mlbrief(['sources', 'list', '--json'], env);
    const rows = JSON.parse(list.stdout) as { name: string; publisher: string; kind: string }[];
    expect(rows.map((s) => s.name)).toEqual(['feed /a', 'feed /b', 'feed /slow', 'feed /broken']);
    expect(rows.map((s) => [s.publisher, s.kind])).toEqual([
      ['127.0.0.1', 'feed'], // no site link yet: the feed URL's host
      ['B News', 'aggregator'],
      ['127.0.0.1', 'feed'],
      ['127.0.0.1', 'feed'],
    ]);
  }, 180_000);

  it('survives a crash mid-run: the next run completes the work without duplicates', async () => {
    const first = mlbrief(['ingest'], env);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (/\/b\s+ok/.test(first.stdout())) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    first.child.kill('SIGKILL'); // mid-run: /slow is still dripping
    expect((await first).signal).toBe('SIGKILL');

    const second = await mlbrief(['ingest', '--json'], env);
    expect(second.code).toBe(0);
    const lines = second.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1).summary).toMatchObject({ sources: 4, failed: 2 });
    const byUrl = Object.fromEntries(lines.slice(0, -1).map((l) => [new URL(l.url).pathname, l]));
    expect(byUrl['/broken'].error).toMatch(/^HTTP_ERROR/);
    expect(byUrl['/slow'].error).toMatch(/^TIMEOUT/);

    await database.withDatabase(async (check) => {
      const [counts] = await queryRows<{ stories: number; distinct: number }>(
        check.db,
        sql`select count(*)::int as stories, count(distinct (source_id, identity))::int as distinct from stories`,
      );
      expect(counts).toEqual({ stories: 51, distinct: 51 });
      const runs = await queryRows<{ status: string }>(check.db, sql`select status from ingest_runs order by id`);
      expect(runs.map((r) => r.status)).toEqual(['abandoned', 'succeeded']);
    });
  });

  it('learns the publisher from the site link once fetched, and explains an edition', async () => {
    const list = JSON.parse((await mlbrief(['sources', 'list', '--json'], env)).stdout) as { name: string; publisher: string }[];
    expect(list.find((s) => s.name === 'feed /a')!.publisher).toBe('example.org'); // the fixture's <link>
    const today = new Date().toISOString().slice(0, 10);
    const text = await mlbrief(['edition', '--date', today, '--explain'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`Candidates for the edition of ${today}: window .* clusters?, \\d in the edition`));
    const json = await mlbrief(['edition', '--date', today, '--explain', '--json'], env);
    const parsed = JSON.parse(json.stdout) as { edition: { date: string }; candidates: unknown[] };
    expect(parsed.edition.date).toBe(today);
    expect(Array.isArray(parsed.candidates)).toBe(true);
  }, 180_000);

  it('removes a source', async () => {
    const run = await mlbrief(['sources', 'remove', feeds.url('/broken')], env);
    expect(run.stdout).toMatch(/^removed /);
    const again = await mlbrief(['sources', 'remove', feeds.url('/broken')], env);
    expect(again.code).toBe(1);
  });
});
