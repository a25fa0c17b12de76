// Rendering a concept card page (`/concepts/SLUG` for a browser: one SQL statement, Markdown, KaTeX,
// brotli) against the same page answered from the page cache, p50 over HTTP. Each slug is asked
// twice in a row: the first request renders it, the second gets the same bytes from the cache.
// Two passes: every card's first render in the process (its formula typeset for the first time),
// then every card again after the data version moved (as after each ingest pass: the pages go
// stale together and are rendered again on their next request; formulas stay typeset).
import { startApp } from '../dist/app.js';
import { contentChanged } from '../dist/cache/data-version.js';
import { loadConfig } from '../dist/config/env.js';
import { openDatabase, queryRows } from '../dist/db/client.js';
import { createLogger } from '../dist/shared/logger.js';
import { sql } from 'drizzle-orm';
import { scratchDatabase } from './scratch-db.mjs';

const headers = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'accept-encoding': 'br' };
const warmUp = 10;
const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
    const slugs = (await queryRows(database.db, sql`select slug from concepts where status = 'published' order by slug`)).map((r) => r.slug);
    const first = await pass(app.url, slugs);
    contentChanged();
    const again = await pass(app.url, slugs);
    await app.stop();
    await database.close();
    rows.push(
      {
        figure: `${name}: /concepts/SLUG for a browser rendered again after the data version moved (one statement, Markdown, KaTeX output kept, brotli), p50 over HTTP of ${again.n} cards`,
        value: again.rendered,
        baseline: again.cached,
        baselineName: 'the same page from the page cache, asked right after each render',
        target: '≤ 3.0× (issue 16)',
        unit: 'ms',
      },
      {
        figure: `${name}: /concepts/SLUG for a browser, each card's first render in the process (its formula typeset too), p50 over HTTP of ${first.n} cards`,
        value: first.rendered,
        baseline: first.cached,
        baselineName: 'the same page from the page cache, asked right after each render',
        target: 'informational',
        unit: 'ms',
      },
    );
  }
  await scratch?.drop();
  return rows;
}
