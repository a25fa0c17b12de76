// Memory: resident size of `mlbrief serve` (PGlite) at rest, and its peak while ingesting a 10 MB
// feed, beside a process holding only PGlite open (the embedded database's own share).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const token = 'bench-admin-token-0123456789';

async function status(pid) {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0);
  return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
}

function bigFeed() {
  const items = [];
  for (let i = 0; Buffer.byteLength(items.join('')) < 10_000_000; i++) {
    items.push(`<item><title>Transformer scaling result ${i}</title><link>https://big.example.org/${i}</link><guid>big-${i}</guid><description>${'A long description of a machine learning result. '.repeat(20)}</description></item>`);
  }
  return Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${items.join('')}</channel></rss>`);
}

export async function memoryBench() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mlbrief-mem-'));
  const feed = bigFeed();
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const feedUrl = `http://127.0.0.1:${server.address().port}/big`;
  try {
    // Baseline: PGlite alone, open on a data dir, at rest.
    const bare = spawn(process.execPath, ['--input-type=module', '-e', `const { PGlite } = await import('@electric-sql/pglite');
      const pg = await PGlite.create(${JSON.stringify(path.join(dir, 'bare'))}); await pg.query('select 1'); console.log('ready'); setInterval(() => {}, 1000);`], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((r) => bare.stdout.once('data', r));
    await new Promise((r) => setTimeout(r, 1500));
    const bareRss = (await status(bare.pid)).rss;
    bare.kill();

    const app = spawn(process.execPath, [path.join(root, 'dist/main.js'), 'serve', '--no-worker'], {
      env: { ...process.env, DATA_DIR: path.join(dir, 'app'), PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production', ADMIN_TOKEN: token,
        FETCH_ALLOW_PRIVATE_NETWORKS: 'true', FETCH_MAX_BYTES: '20000000', DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    process.stderr.write('memory bench: app starting\n');
    const url = await new Promise((resolve) => {
      let log = '';
      app.stderr.on('data', (d) => { log += d; const m = /"url":"(http:[^"]+)"/.exec(log); if (m) resolve(m[1]); });
    });
    await new Promise((r) => setTimeout(r, 2000));
    const rest = (await status(app.pid)).rss;
    const gql = (query) => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) }).then((r) => r.json());
    const { data } = await gql(`{ sources { id } }`);
    for (const s of data.sources) await gql(`mutation { removeSource(id: "${s.id}") }`);
    await gql(`mutation { addSource(input: { url: "${feedUrl}", name: "big" }) { id } }`);
    const before = (await status(app.pid)).peak;
    const run = await gql(`mutation { runIngest { itemsNew } }`);
    const after = await status(app.pid);
    app.kill('SIGTERM');
    await new Promise((r) => app.on('close', r));
    return [
      { figure: 'PGlite: `mlbrief serve` resident memory at rest', value: rest, baseline: bareRss, baselineName: 'a process holding only PGlite', target: 'informational', unit: 'bytes' },
      { figure: `PGlite: peak resident memory ingesting a ${(feed.length / 1e6).toFixed(1)} MB feed (${run.data?.runIngest?.itemsNew ?? JSON.stringify(run.errors ?? run)} new items; peak before: ${(before / 1e6).toFixed(0)} MB)`, value: after.peak, baseline: rest, baselineName: 'the same process at rest', target: 'informational', unit: 'bytes' },
    ];
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
