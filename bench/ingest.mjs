// Ingest throughput: 10,000 new items from local feeds through fetch → parse → normalize → link →
// store → recluster, against parsing the same feed bodies alone (our parse path, worker thread
// included), in the same run. The ingest stores one feed while the next is parsed, so on PGlite,
// where everything runs in this process, the CPU time of both is printed too.
import { createServer } from 'node:http';
import { defaultSeedsDir, readSeedLibrary } from '../dist/content/seeds/read-seeds.js';
import { seedDatabase } from '../dist/content/seeds/seed-database.js';
import { openDatabase } from '../dist/db/client.js';
import { migrate } from '../dist/db/migrate.js';
import { runIngest } from '../dist/news/ingest.js';
import { parseFeed } from '../dist/news/parse/index.js';
import { addSource } from '../dist/news/sources.queries.js';
import { createLogger } from '../dist/shared/logger.js';
import { scratchDatabase } from './scratch-db.mjs';

const feeds = 10;
const perFeed = 1000;
const words = ['dropout', 'transformer', 'benchmark', 'LoRA', 'gradient', 'scaling', 'dataset', 'robotics', 'agents', 'inference'];

function feedBody(f) {
  const items = Array.from({ length: perFeed }, (_, i) => {
    const title = `${words[(i + f) % words.length]} study ${f}-${i}: ${words[(i * 7) % words.length]} results`;
    return `<item><title>${title}</title><link>https://bench${f}.example.org/p/${i}?utm_source=rss</link><guid>b${f}-${i}</guid>` +
      `<pubDate>${new Date(Date.UTC(2026, 10, 26, 0, i % 1440)).toUTCString()}</pubDate><description>&lt;p&gt;${title} in detail.&lt;/p&gt;</description></item>`;
  });
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench ${f}</title><link>https://bench${f}.example.org/</link>${items.join('')}</channel></rss>`);
}

export async function ingestBench({ postgresUrl } = {}) {
  const bodies = Array.from({ length: feeds }, (_, f) => feedBody(f));
  const server = createServer((req, res) => {
    const f = Number(req.url.slice(1));
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(bodies[f]);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;

  const cpuMs = () => {
    const { user, system } = process.cpuUsage(); // every thread of the process: workers and PGlite too
    return (user + system) / 1000;
  };
  const parseStart = performance.now();
  const parseCpuStart = cpuMs();
  for (const body of bodies) await parseFeed(body, { contentType: 'application/rss+xml', url: base });
  const parseMs = performance.now() - parseStart;
  const parseCpuMs = cpuMs() - parseCpuStart;

  const rows = [];
  const targets = [{ name: 'PGlite', options: { dataDir: 'memory://' } }];
  const scratch = postgresUrl ? await scratchDatabase(postgresUrl, 'ingest') : undefined;
  if (scratch) targets.push({ name: 'PostgreSQL', options: { url: scratch.url, dataDir: '' } });
  const library = await readSeedLibrary(defaultSeedsDir);
  for (const { name, options } of targets) {
    const database = await openDatabase(options);
    await migrate(database.db);
    await seedDatabase(database.db, { ...library, sources: [] });
    for (let f = 0; f < feeds; f++) await addSource(database.db, { url: `${base}/${f}`, name: `bench ${f}` });
    const start = performance.now();
    const cpuStart = cpuMs();
    const run = await runIngest(
      {
        database,
        logger: createLogger('silent'),
        fetch: { timeoutMs: 60_000, maxBytes: 50_000_000, allowPrivateNetworks: true, userAgent: 'mlbrief-bench' },
      },
      { trigger: 'cli' },
    );
    const ingestMs = performance.now() - start;
    const ingestCpuMs = cpuMs() - cpuStart;
    if (run.itemsNew !== feeds * perFeed) throw new Error(`expected ${feeds * perFeed} new items, got ${run.itemsNew}`);
    await database.close();
    rows.push({
      figure: `${name}: ingest 10,000 new items (${Math.round((feeds * perFeed) / (ingestMs / 1000))} items/s)`,
      value: ingestMs,
      baseline: parseMs,
      baselineName: 'parsing the same feeds alone',
      target: '≤ 2.0×',
    });
    if (name === 'PGlite') {
      rows.push({
        figure: 'PGlite: CPU time of the same ingest, all threads',
        value: ingestCpuMs,
        baseline: parseCpuMs,
        baselineName: 'CPU time parsing the same feeds alone',
        target: 'informational',
      });
    }
  }
  server.close();
  await scratch?.drop();
  return rows;
}
