// Load: autocannon (50 connections) against the daily brief as JSON and as a GraphQL query, beside
// a bare node:http server answering the same bytes, all in separate processes on this machine.
import { execFile, fork } from 'node:child_process';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { scratchDatabase } from './scratch-db.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 8);

function startServer(args, env = {}) {
  const child = fork(path.join(here, 'load-server.mjs'), args, { env: { ...process.env, ...env }, stdio: 'inherit' });
  return new Promise((resolve) => child.once('message', (info) => resolve({ ...info, child })));
}

async function autocannon(url, { method = 'GET', headers = {}, body } = {}) {
  const args = ['-c', '50', '-d', String(seconds), '-j', '-m', method];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  if (body) args.push('-b', body);
  const bin = path.join(here, '../node_modules/.bin/autocannon');
  const { stdout } = await run(bin, [...args, url], { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

export async function loadBench({ postgresUrl } = {}) {
  const rows = [];
  const targets = [{ name: 'PGlite', env: { BENCH_DATABASE_URL: '' } }];
  const scratch = postgresUrl ? await scratchDatabase(postgresUrl, 'load') : undefined;
  if (scratch) targets.push({ name: 'PostgreSQL', env: { BENCH_DATABASE_URL: scratch.url } });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mlbrief-load-'));
  const dailyQuery = JSON.stringify({
    query: '{ daily { date conceptOfTheDay { slug title summary } concepts { slug name title summary } topStories { rank score reasons story { title url summary publishedAt coverage source { name } } } } }',
  });
  try {
    for (const target of targets) {
      const app = await startServer(['app'], target.env);
      const auth = { authorization: `Bearer ${app.secret}` };
      const json = await (await fetch(`${app.url}/daily`)).arrayBuffer();
      const file = path.join(dir, 'daily.json');
      await writeFile(file, Buffer.from(json));
      const bare = await startServer(['bare', file]);
      const baseline = await autocannon(bare.url);
      bare.child.kill();
      const daily = await autocannon(`${app.url}/daily`);
      const gql = await autocannon(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: dailyQuery,
      });
      app.child.kill();
      for (const [label, r] of [['GET /daily', daily], ['POST /graphql daily query (API key, rate-limited)', gql]]) {
        rows.push({
          figure: `${target.name}: ${label}, ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}`,
          value: r.rps,
          baseline: baseline.rps,
          baselineName: `bare node:http, same ${json.byteLength} bytes, ${Math.round(baseline.rps)} req/s`,
          target: '≥ 0.8× (issue 7); errors and non-2xx = 0',
          unit: 'req/s',
        });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await scratch?.drop();
  }
  return rows;
}
