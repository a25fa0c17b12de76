import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeedsDir, readSeedLibrary } from '../../src/content/seeds/read-seeds.js';
import { seedDatabase } from '../../src/content/seeds/seed-database.js';
import { queryRows } from '../../src/db/client.js';
import { ingestRuns, sources, stories } from '../../src/db/schema/index.js';
import { runIngest, type IngestDeps } from '../../src/news/ingest.js';
import { addSource } from '../../src/news/sources.queries.js';
import { createLogger } from '../../src/shared/logger.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';
import { rss, startFeedServer, xml, type Route } from '../support/feed-server.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toUTCString();

const routes: Record<string, Route> = {
  '/rss2': xml(
    rss([
      { title: 'Dropout revisited for transformers', link: 'https://example.org/a?utm_source=x&id=1#top', guid: 'a-1', date: day(-1) },
      { title: 'LoRA adapters at scale', link: 'https://example.org/b', guid: 'b-1', date: day(-1), description: 'Low-rank adaptation.' },
      { title: 'Gardening tips', link: 'https://example.org/c', guid: 'c-1', date: day(-1) },
    ]),
  ),
  '/atom': xml(
    `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.org/blog/">
      <title>Atom fixture</title><link href="https://atom.example.org/"/><id>urn:atom</id><updated>2026-11-20T10:00:00Z</updated>
      <entry><title>Relative link post</title><link href="posts/one"/><id>urn:one</id><updated>2026-11-20T10:00:00Z</updated><summary>s</summary></entry>
    </feed>`,
    { 'content-type': 'application/atom+xml' },
  ),
  '/rdf': xml(
    `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://arxiv.org/"><title>arXiv fixture</title><link>https://arxiv.org/</link><description>d</description></channel>
      <item rdf:about="https://arxiv.org/abs/2401.01234v2"><title>Sharper minima via stochastic depth</title><link>https://arxiv.org/abs/2401.01234v2</link><dc:date>2026-11-20T10:00:00Z</dc:date></item>
    </rdf:RDF>`,
  ),
  '/json': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/feed+json' });
    res.end(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON fixture',
        items: [{ id: 'j1', url: 'https://json.example.org/1', title: 'Gradient checkpointing in JAX', date_published: '2026-11-20T10:00:00Z' }],
      }),
    );
  },
  '/latin1': xml(iconv.encode(rss([{ title: 'Réseaux résiduels', link: 'https://l.example.org/1', guid: 'l1' }]).replace('utf-8', 'iso-8859-1'), 'latin1'), {
    'content-type': 'application/rss+xml; charset=iso-8859-1',
  }),
  '/cp1252': xml(
    iconv.encode(rss([{ title: '“Quoted” €5 model', link: 'https://w.example.org/1', guid: 'w1' }]).replace('utf-8', 'windows-1252'), 'win1252'),
    { 'content-type': 'application/rss+xml' },
  ),
  '/utf16': xml(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rss([{ title: 'UTF-16 ünïcode', guid: 'u16', link: 'https://u.example.org/1' }]).replace('utf-8', 'utf-16'), 'utf16le')]), {
    'content-type': 'application/xml',
  }),
  '/utf8bom': xml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss([{ title: 'BOM ok', guid: 'bom', link: 'https://b.example.org/1' }]))])),
  '/dates': xml(
    rss([
      { title: 'No date here', link: 'https://d.example.org/none', guid: 'd-none' },
      { title: 'From the future', link: 'https://d.example.org/future', guid: 'd-future', date: day(30) },
    ]),
  ),
  '/dupes': xml(
    rss([
      { title: 'Same guid one', link: 'https://dup.example.org/1', guid: 'same' },
      { title: 'Same guid two', link: 'https://dup.example.org/2', guid: 'same' },
    ]),
  ),
  '/laughs': xml(
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
     <rss version="2.0"><channel><title>t</title><item><title>Laugh &lol4;</title><guid>lol</guid><link>https://lol.example.org/</link></item></channel></rss>`,
  ),
  '/xxe': xml(
    `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
     <rss version="2.0"><channel><title>t</title><item><title>Entity &xxe; here</title><guid>xxe</guid><link>https://xxe.example.org/</link></item></channel></rss>`,
  ),
  '/cdata': xml(
    rss([{ title: 'Script in CDATA', guid: 'cdata', link: 'https://cd.example.org/', description: '<![CDATA[<p>Hi</p><script>alert(1)</script><a href="javascript:alert(2)">x</a>]]>' }]),
  ),
  '/malformed': xml('<?xml version="1.0"?><rss version="2.0"><channel><title>broken<item></rss'),
  '/html': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><html><head><title>Not a feed</title></head><body>hello</body></html>');
  },
  '/gzip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
    res.end(gzipSync(rss([{ title: 'Compressed story', guid: 'gz', link: 'https://gz.example.org/' }])));
  },
  '/redirect-1': (_req, res) => res.writeHead(301, { location: '/redirect-2' }).end(),
  '/redirect-2': (_req, res) => res.writeHead(302, { location: '/rss-after-redirects' }).end(),
  '/rss-after-redirects': xml(rss([{ title: 'Arrived after two redirects', guid: 'redir', link: 'https://r.example.org/' }])),
  '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_req, res) => res.writeHead(302, { location: '/loop-a' }).end(),
  '/slow': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    const timer = setInterval(() => res.write(' '), 100);
    res.on('close', () => clearInterval(timer));
  },
  '/etag': (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' });
    res.end(rss([{ title: 'Cached story', guid: 'etag', link: 'https://e.example.org/' }]));
  },
  '/429': (_req, res) => res.writeHead(429, { 'retry-after': '7200' }).end('slow down'),
  '/500': (_req, res) => res.writeHead(500).end('boom'),
};

describe(`ingesting hostile and unusual feeds on ${backend}`, () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startFeedServer>>;
  let deps: IngestDeps;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    database = await createTestDatabase();
    const library = await readSeedLibrary(defaultSeedsDir);
    await seedDatabase(database.db, { ...library, sources: [] }); // concepts to link; no real feeds
    server = await startFeedServer(routes);
    for (const path of Object.keys(routes).filter((p) => !/^\/(redirect-2|rss-after-redirects|loop-b)$/.test(p))) {
      ids.set(path, (await addSource(database.db, { url: server.url(path), name: path })).id);
    }
    deps = {
      database,
      logger: createLogger('silent'),
      // Generous for a loaded CI machine; the slow-drip feed still hits it.
      fetch: { timeoutMs: 4000, maxBytes: 1_000_000, allowPrivateNetworks: true, userAgent: 'mlbrief-test' },
      concurrency: { global: 8, perHost: 8 },
    };
  });
  afterAll(async () => {
    await server.close();
    await database.dispose();
  });

  const storiesOf = async (path: string) =>
    database.db.select().from(stories).where(eq(stories.sourceId, ids.get(path)!)).orderBy(stories.id);
  const sourceOf = async (path: string) => (await database.db.select().from(sources).where(eq(sources.id, ids.get(path)!)))[0]!;

  it('runs one pass: good feeds stored, broken ones recorded on the feed, the rest go on', async () => {
    const lines: string[] = [];
    const run = await runIngest(deps, { trigger: 'cli', onSource: (o) => lines.push(`${o.name} ${o.status}`) });
    expect(run).toBeDefined();
    expect(lines).toHaveLength(ids.size);
    const failed = Object.fromEntries(run!.sources.filter((s) => s.status === 'error').map((s) => [s.name, s.error]));
    expect(Object.keys(failed).sort()).toEqual(['/429', '/500', '/html', '/loop-a', '/malformed', '/slow'].sort());
    expect(failed['/html']).toMatch(/^NOT_A_FEED/);
    expect(failed['/malformed']).toMatch(/^MALFORMED/);
    expect(failed['/loop-a']).toMatch(/^REDIRECT_LOOP/);
    expect(failed['/slow']).toMatch(/^TIMEOUT/);
    expect(failed['/429']).toMatch(/^HTTP_ERROR/);
  });

  it('stores canonical URLs and links stories to the concepts they mention', async () => {
    const rows = await storiesOf('/rss2');
    expect(rows.map((r) => r.url)).toEqual(['https://example.org/a?id=1', 'https://example.org/b', 'https://example.org/c']);
    const links = await queryRows<{ title: string; slug: string }>(
      database.db,
      sql`select s.title, c.slug from story_concepts sc join stories s on s.id = sc.story_id join concepts c on c.id = sc.concept_id
          where s.source_id = ${ids.get('/rss2')!} order by s.title, c.slug`,
    );
    expect(links).toEqual(
      expect.arrayContaining([
        { title: 'Dropout revisited for transformers', slug: 'dropout' },
        { title: 'LoRA adapters at scale', slug: 'lora' },
      ]),
    );
    expect(links.some((l) => l.title === 'Gardening tips')).toBe(false);
  });

  it('decodes every charset into the same text', async () => {
    expect((await storiesOf('/latin1'))[0]?.title).toBe('Réseaux résiduels');
    expect((await storiesOf('/cp1252'))[0]?.title).toBe('“Quoted” €5 model');
    expect((await storiesOf('/utf16'))[0]?.title).toBe('UTF-16 ünïcode');
    expect((await storiesOf('/utf8bom'))[0]?.title).toBe('BOM ok');
  });

  it('reads Atom, RDF and JSON Feed, resolving relative links and arXiv versions', async () => {
    expect((await storiesOf('/atom'))[0]?.url).toBe('https://atom.example.org/blog/posts/one');
    const [paper] = await storiesOf('/rdf');
    expect(paper).toMatchObject({ arxivId: '2401.01234', url: 'https://arxiv.org/abs/2401.01234' });
    expect((await storiesOf('/json'))[0]?.title).toBe('Gradient checkpointing in JAX');
    expect((await storiesOf('/gzip'))[0]?.title).toBe('Compressed story');
    expect((await storiesOf('/redirect-1'))[0]?.title).toBe('Arrived after two redirects');
  });

  it('counts undated and future-dated stories at first fetch', async () => {
    for (const row of await storiesOf('/dates')) {
      expect(row.publishedAt).toBeNull();
      expect(row.effectiveAt.getTime()).toBe(row.firstSeenAt.getTime());
    }
  });

  it('keeps one story per guid, expands no entities, and strips scripts', async () => {
    expect(await storiesOf('/dupes')).toHaveLength(1);
    for (const path of ['/laughs', '/xxe']) {
      const source = await sourceOf(path);
      const rows = await storiesOf(path);
      const text = rows.map((r) => `${r.title} ${r.summary}`).join(' ');
      expect(text).not.toMatch(/lollollol|root:/);
      expect(source.lastStatus).toBe('ok'); // read as a feed, the declarations simply dropped
      expect(rows).toHaveLength(1);
    }
    const [cdata] = await storiesOf('/cdata');
    expect(cdata?.contentHtml ?? '').not.toMatch(/<script|javascript:/i);
    expect(cdata?.summary).not.toMatch(/alert\(1\)/);
  });

  it('records health: error counts, backoff and Retry-After', async () => {
    const s500 = await sourceOf('/500');
    expect(s500).toMatchObject({ lastStatus: 'error', lastHttpStatus: 500, errorCount: 1 });
    expect(s500.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
    const s429 = await sourceOf('/429');
    expect(s429.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 7_000_000);
    const ok = await sourceOf('/etag');
    expect(ok).toMatchObject({ lastStatus: 'ok', errorCount: 0, etag: '"v1"', lastError: null });
  });

  it('a second pass changes nothing: 304s write nothing, failing feeds wait out their backoff', async () => {
    const snapshot = async () => JSON.stringify(await queryRows(database.db, sql`select * from stories order by id`));
    const before = await snapshot();
    const hits500 = server.hits('/500');
    const run = await runIngest(deps, { trigger: 'cli' });
    expect(await snapshot()).toBe(before);
    expect(run!.itemsNew).toBe(0);
    expect(run!.sources.find((s) => s.name === '/etag')?.status).toBe('not_modified');
    expect(server.hits('/500')).toBe(hits500); // in backoff: not fetched
  });

  it('lets one of two runs for the same schedule tick happen', async () => {
    const slot = `ingest:test-${backend}`;
    const results = await Promise.all([
      runIngest(deps, { trigger: 'schedule', slot }),
      runIngest(deps, { trigger: 'schedule', slot }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await runIngest(deps, { trigger: 'schedule', slot })).toBeUndefined();
    const runs = await database.db.select().from(ingestRuns).where(eq(ingestRuns.slot, slot));
    expect(runs).toHaveLength(1);
  });
});
