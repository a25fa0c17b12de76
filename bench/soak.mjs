// Soak: one `mlbrief serve` (PGlite) under mixed reads, ingest passes of local feeds and edition
// publishes for a bounded time; its resident size (RSS) sampled every 10 s and reported each
// minute. Growth after the first minute (warm-up) should stay within 10 %, errors at 0.
// `npm run bench -- soak` runs 3 minutes; `npm run bench -- soak --full` runs 10. Only 127.0.0.1.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const token = 'soak-admin-token-0123456789';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function rssOf(pid) {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(text)?.[1] ?? 0) * 1024;
}

/** Five feeds whose newest items move on with every fetch, as real feeds do. */
function feedServer() {
  let fetches = 0;
  const words = ['transformer', 'dropout', 'diffusion', 'attention', 'gradient', 'LoRA', 'quantization', 'retrieval'];
  return createServer((req, res) => {
    const n = ++fetches;
    const feed = Number(/\/feed(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
    const items = [];
    for (let i = n; i > n - 20; i--) {
      const word = words[(i + feed) % words.length];
      items.push(`<item><title>Lab ${feed} ${word} result ${i}</title><link>http://127.0.0.1/${feed}/${i}</link><guid>f${feed}-${i}</guid><pubDate>${new Date(Date.now() - (n - i) * 60_000).toUTCString()}</pubDate><description>New ${word} findings, number ${i}.</description></item>`);
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>http://127.0.0.1/${feed}</link>${items.join('')}</channel></rss>`);
  });
}

export async function soakBench({ full = false } = {}) {
  const minutes = full ? 10 : 3;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mlbrief-soak-'));
  const feeds = feedServer();
  await new Promise((r) => feeds.listen(0, '127.0.0.1', r));
  const feedBase = `http://127.0.0.1:${feeds.address().port}`;
  const app = spawn(process.execPath, [path.join(root, 'dist/main.js'), 'serve', '--no-worker'], {
    env: {
      PATH: process.env.PATH, DATA_DIR: path.join(dir, 'data'), PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production', ADMIN_TOKEN: token,
      FETCH_ALLOW_PRIVATE_NETWORKS: 'true', RATE_LIMIT_ANONYMOUS: '0', INGEST_ON_START: 'false',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = new Promise((resolve) => {
    let log = '';
    const read = (d) => {
      log += d;
      const m = /"url":"(http:[^"]+)"/.exec(log);
      if (m) {
        app.stderr.off('data', read);
        app.stderr.resume(); // the rest of the log is not kept
        resolve(m[1]);
      }
    };
    app.stderr.on('data', read);
  });
  const exited = new Promise((r) => app.on('close', r));
  const counts = { requests: 0, errors: 0, ingests: 0, editions: 0 };
  const firstErrors = [];
  try {
    const base = await Promise.race([url, exited.then(() => Promise.reject(new Error('the soak server exited before serving')))]);
    const gql = async (query, variables) => {
      const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const body = await res.json();
      if (res.status !== 200 || body.errors) throw new Error(`${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 200)}`);
      return body.data;
    };
    // The seeded real feeds go (never the internet from a bench); five local ones come.
    for (const { id } of (await gql('{ sources { id } }')).sources) await gql('mutation($id: ID!) { removeSource(id: $id) }', { id });
    for (let f = 0; f < 5; f++) await gql(`mutation { addSource(input: { url: "${feedBase}/feed${f}", name: "Lab ${f}" }) { id } }`);

    const deadline = Date.now() + minutes * 60_000;
    const failed = (error) => {
      counts.errors++;
      if (firstErrors.length < 5) firstErrors.push(String(error).slice(0, 200));
    };
    const today = new Date().toISOString().slice(0, 10);
    const slug = (await gql('{ concepts(first: 1) { edges { node { slug } } } }')).concepts.edges[0].node.slug;
    const reads = [
      () => fetch(`${base}/daily`),
      () => fetch(`${base}/feed/daily.rss`),
      () => fetch(`${base}/concepts/${slug}`),
      () => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ daily { date topStories { rank story { title } } } }' }) }),
      () => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ concepts(first: 20) { edges { node { slug tags { slug } } } } stories(first: 10) { edges { node { title source { name } } } } }' }) }),
      () => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ search(query: "attention ${counts.requests % 50}", first: 5) { score } }` }) }),
    ];
    const reader = async (k) => {
      for (let i = k; Date.now() < deadline; i++) {
        counts.requests++;
        try {
          const res = await reads[i % reads.length]();
          const text = await res.text();
          if (res.status >= 400) failed(`HTTP ${res.status} on read ${i % reads.length}: ${text.slice(0, 160)}`);
        } catch (error) {
          failed(error);
        }
      }
    };
    const every = async (ms, task) => {
      while (Date.now() < deadline) {
        try {
          await task();
        } catch (error) {
          failed(error);
        }
        await sleep(Math.min(ms, Math.max(0, deadline - Date.now())));
      }
    };
    const samples = [];
    const sampler = every(10_000, async () => samples.push({ at: Date.now(), rss: await rssOf(app.pid) }));
    await Promise.all([
      sampler,
      ...[0, 1, 2, 3].map(reader),
      every(10_000, async () => {
        await gql('mutation { runIngest { id } }');
        counts.ingests++;
      }),
      every(15_000, async () => {
        await gql('mutation($date: Date) { publishEdition(date: $date, force: true) { date } }', { date: today });
        counts.editions++;
      }),
    ]);
    samples.push({ at: Date.now(), rss: await rssOf(app.pid) });
    const start = samples[0].at;
    const perMinute = [];
    for (let m = 1; m <= minutes; m++) {
      const sample = samples.filter((s) => s.at - start <= m * 60_000 + 5_000).pop();
      perMinute.push(sample.rss);
    }
    console.log(`soak: ${minutes} min, ${counts.requests} reads, ${counts.ingests} ingest passes, ${counts.editions} edition publishes, ${counts.errors} errors`);
    console.log(`soak: RSS each minute: ${perMinute.map((b) => `${(b / 1e6).toFixed(0)} MB`).join(', ')}`);
    for (const e of firstErrors) console.log(`soak: error: ${e}`);
    const warm = perMinute[0];
    const end = perMinute[perMinute.length - 1];
    return [
      { figure: `soak, ${minutes} min: RSS at the end`, value: end, baseline: warm, baselineName: 'RSS after the 1-minute warm-up', unit: 'bytes', target: '≤ 1.10× (issue 19)' },
      { figure: `soak, ${minutes} min: errors, over ${counts.requests + counts.ingests + counts.editions} requests`, value: counts.errors, baseline: counts.requests + counts.ingests + counts.editions, baselineName: 'requests made', unit: 'count', target: '0 errors' },
    ];
  } finally {
    app.kill('SIGTERM');
    await exited;
    feeds.close();
    await rm(dir, { recursive: true, force: true });
  }
}
