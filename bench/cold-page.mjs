// Rendering a concept card page (`/concepts/SLUG` for a browser: one SQL statement, or only its
// stories' part when the card's own content is known; Markdown, KaTeX, brotli) against the same page answered from the page cache, p50 over HTTP. Each slug is asked
// twice in a row: the first request renders it, the second gets the same bytes from the cache.
// Three passes: every card's first render in the process (its formula typeset for the first time);
// every card again after the data version moved with nothing new for it (as after most ingest
// passes: the pages go stale together, are rendered again on their next request and come out the
// same); and every card again after a story about it arrived (new bytes, compressed again).
// The database holds a month of news as a running install does (60,000 stories, each linked to two
// cards), so every card reads and shows its newest stories.
import { startApp } from '../dist/app.js';
import { contentChanged, newsChanged } from '../dist/cache/data-version.js';
import { loadConfig } from '../dist/config/env.js';
import { addSource } from '../dist/news/sources.queries.js';
import { openDatabase, queryRows } from '../dist/db/client.js';
import { createLogger } from '../dist/shared/logger.js';
import { sql } from 'drizzle-orm';
import { scratchDatabase } from './scratch-db.mjs';

const headers = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'accept-encoding': 'br' };
const warmUp = 10;
const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const newsStories = 60_000;

/** One new story mentioning each card, as an ingest pass that touched every card would bring. */
async function addStoryPerCard(db) {
  await db.execute(sql`insert into stories (source_id, identity, url, title, summary, published_at)
    select (select min(id) from sources), 'new:' || c.slug, 'https://news.example.org/new/' || c.slug, 'New today: ' || c.name, 'Generated.', now()
    from concepts c where c.status = 'published'`);
  await db.execute(sql`insert into story_concepts (story_id, concept_id)
    select st.id, c.id from stories st join concepts c on st.identity = 'new:' || c.slug`);
}

/** A month of news at 2,000 stories a day, each story linked to two cards, made inside the database. */
async function addNews(db) {
  const source = await addSource(db, { url: 'https://news.example.org/feed', name: 'News', weight: 1 });
  await db.execute(sql`insert into stories (source_id, identity, url, title, summary, published_at)
    select ${source.id}, 'gen:' || i, 'https://news.example.org/' || i, 'A story about machine learning, number ' || i, 'Generated.',
      now() - (i * 43.2) * interval '1 second'
    from generate_series(1, ${newsStories}) i`);
  // Cards are mentioned unevenly, as in real news: card k in every (k+1)th story, and a second card at random.
  await db.execute(sql`with cards as (select id, row_number() over (order by slug) as k from concepts where status = 'published')
    insert into story_concepts (story_id, concept_id)
    select st.id, c.id from stories st join cards c on c.k = 1 + (st.id * 7919) % (select count(*) from cards)
    union
    select st.id, c.id from stories st join cards c on c.k = 1 + (st.id * 104729 + 13) % (select count(*) from cards)`);
  await db.execute(sql`analyze`);
}

async function timed(url) {
  const started = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.arrayBuffer();
  if (res.status !== 200 || body.byteLength === 0) throw new Error(`${url}: ${res.status}`);
  return performance.now() - started;
}

/** p50s of each slug's first request (a render) and second (from the cache), the first few left out. */
async function pass(base, slugs) {
  const rendered = [];
  const cached = [];
  for (const [i, slug] of slugs.entries()) {
    const url = `${base}/concepts/${slug}`;
    const first = await timed(url);
    const second = await timed(url);
    if (i >= warmUp) {
      rendered.push(first);
      cached.push(second);
    }
  }
  return { rendered: p50(rendered), cached: p50(cached), n: rendered.length };
}

export async function coldPageBench({ postgresUrl } = {}) {
  const rows = [];
  const targets = [{ name: 'PGlite', options: { dataDir: 'memory://' } }];
  const scratch = postgresUrl ? await scratchDatabase(postgresUrl, 'coldpage') : undefined;
  if (scratch) targets.push({ name: 'PostgreSQL', options: { url: scratch.url, dataDir: '' } });
  for (const { name, options } of targets) {
    const database = await openDatabase(options);
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', NODE_ENV: 'production' });
    const app = await startApp({ config, logger: createLogger('silent'), database });
    await addNews(database.db);
    contentChanged();
    const slugs = (await queryRows(database.db, sql`select slug from concepts where status = 'published' order by slug`)).map((r) => r.slug);
    const first = await pass(app.url, slugs);
    // An ingest pass that brought nothing for these cards: each page comes out the same bytes,
    // and the kept page (its coded variants, entity tag, Last-Modified) stands for it. An ingest
    // pass moves the news part of the data version, not the concepts' (newsChanged does what a
    // finished ingest run does to the stamp, without the wait for another process to see it).
    newsChanged();
    const same = await pass(app.url, slugs);
    // An ingest pass with a new story for every card: every page has new bytes, compressed again.
    await addStoryPerCard(database.db);
    newsChanged();
    const changed = await pass(app.url, slugs);
    await app.stop();
    await database.close();
    const baselineName = 'the same page from the page cache, asked right after each render';
    rows.push(
      {
        figure: `${name}: /concepts/SLUG for a browser rendered again after news for every card (one statement, its newest of 60,000 stories, Markdown, KaTeX output kept, new bytes compressed with brotli), p50 over HTTP of ${changed.n} cards`,
        value: changed.rendered,
        baseline: changed.cached,
        baselineName,
        target: '≤ 3.0× (issue 16)',
        unit: 'ms',
      },
      {
        figure: `${name}: /concepts/SLUG for a browser rendered again after the data version moved with nothing new for the card (the same bytes: the kept page and its brotli variant stand), p50 over HTTP of ${same.n} cards`,
        value: same.rendered,
        baseline: same.cached,
        baselineName,
        target: 'informational',
        unit: 'ms',
      },
      {
        figure: `${name}: /concepts/SLUG for a browser, each card's first render in the process (its formula typeset too), p50 over HTTP of ${first.n} cards`,
        value: first.rendered,
        baseline: first.cached,
        baselineName,
        target: 'informational',
        unit: 'ms',
      },
    );
  }
  await scratch?.drop();
  return rows;
}
