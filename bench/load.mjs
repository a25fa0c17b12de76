// Load: autocannon (50 connections) against the daily brief as JSON (GET /daily) and as a GraphQL
// query (POST /graphql with an API key, so auth and the rate limit run), each beside a bare
// node:http server answering that case's own response (status, headers and body, captured from the
// app) to the same request. All servers run in their own processes on this machine; bare and app
// runs alternate for several rounds and the ratio is of the medians, so drift in what else the two
// cores are doing hits both sides alike.
// Throughput is whichever of server and autocannon is slower (they share two cores); so each case
// also reports the server's CPU time per request, its own cost whoever limits the run, and what the
// response's headers cost: the bare server again, sending the body with two headers. For a POST,
// also the bare server reading the body before it answers (the baseline lets node:http discard it),
// and the bare server spending 5 µs of busy JavaScript per request: on two cores shared with the
// load generator, whichever process limits the run also pays the kernel for waking the other
// (in CPU profiles its writev cost about twice as much), so a little work shows as more than its
// own CPU time.
import { execFile, fork } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { scratchDatabase } from './scratch-db.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 4);
const rounds = Number(process.env.BENCH_LOAD_ROUNDS ?? 5);

function startServer(args, env = {}) {
  const child = fork(path.join(here, 'load-server.mjs'), args, { env: { ...process.env, ...env }, stdio: 'inherit' });
  return new Promise((resolve) => child.once('message', (info) => resolve({ ...info, child })));
}

/** One autocannon run (50 connections unless told) of `seconds`; the parsed figures. */
export async function autocannon(url, { method = 'GET', headers = {}, body } = {}, { connections = 50, seconds: duration = seconds } = {}) {
  const args = ['-c', String(connections), '-d', String(duration), '-j', '-m', method];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  if (body) args.push('-b', body);
  const bin = path.join(here, '../node_modules/.bin/autocannon');
  const { stdout } = await run(bin, [...args, url], { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout);
  return { rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

/**
 * CPU seconds a process has used (user + system, all its threads), from /proc; undefined where
 * there is no /proc. Per request it is the server's own cost, whoever of the two processes on this
 * machine (server, autocannon) limits the throughput of a run.
 */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, in clock ticks: 100 a second on Linux (getconf CLK_TCK).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** One autocannon run, with the server's CPU µs per request answered in it. */
async function measured(url, pid, request) {
  const before = cpuSeconds(pid);
  const r = await autocannon(url, request);
  const after = cpuSeconds(pid);
  return { ...r, cpuPerRequest: before === undefined || after === undefined ? undefined : ((after - before) * 1e6) / r.total };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => [Math.min(...xs), Math.max(...xs)];
const shown = ([low, high]) => `${low.toFixed(2)}–${high.toFixed(2)}`;

/**
 * Alternates runs of the bare server sending two headers, the bare server sending the app's whole
 * response, and the app; returns the medians, the app's worst error counts and the range of the
 * per-round ratios (each app run against the bare run just before it), which shows how far one
 * ratio can be trusted on this machine.
 */
async function compare(twoHeaderServer, bareServer, appServer, request, readingServer, spinningServer) {
  const twoHeaders = [];
  const bare = [];
  const app = [];
  const reading = [];
  const spinning = [];
  for (let i = 0; i < rounds; i++) {
    twoHeaders.push(await measured(twoHeaderServer.url, twoHeaderServer.pid, request));
    bare.push(await measured(bareServer.url, bareServer.pid, request));
    if (readingServer) reading.push(await measured(readingServer.url, readingServer.pid, request));
    if (spinningServer) spinning.push(await measured(spinningServer.url, spinningServer.pid, request));
    app.push(await measured(appServer.url, appServer.pid, request));
  }
  const pick = (runs) => runs.find((r) => r.rps === median(runs.map((x) => x.rps)));
  const errors = Math.max(...app.map((r) => r.errors));
  const non2xx = Math.max(...app.map((r) => r.non2xx));
  const ratios = app.map((r, i) => r.rps / bare[i].rps);
  const cpu = app.every((r, i) => r.cpuPerRequest && bare[i].cpuPerRequest)
    ? { app: median(app.map((r) => r.cpuPerRequest)), bare: median(bare.map((r) => r.cpuPerRequest)), spread: range(app.map((r, i) => r.cpuPerRequest / bare[i].cpuPerRequest)) }
    : undefined;
  const headerSpread = range(bare.map((r, i) => r.rps / twoHeaders[i].rps));
  const readingBody = readingServer
    ? { ...pick(reading), spread: range(reading.map((r, i) => r.rps / bare[i].rps)), appSpread: range(app.map((r, i) => r.rps / reading[i].rps)) }
    : undefined;
  const spun = spinningServer
    ? { ...pick(spinning), spread: range(spinning.map((r, i) => r.rps / bare[i].rps)), cpu: median(spinning.map((r) => r.cpuPerRequest ?? NaN)) }
    : undefined;
  return { twoHeaders: pick(twoHeaders), bare: pick(bare), app: { ...pick(app), errors, non2xx }, spread: range(ratios), cpu, headerSpread, readingBody, spun };
}

/** The app's answer as sent: status, headers and the bytes on the wire (fetch would decompress them). */
export function capture(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: Object.entries(res.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])), bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Headers node:http writes itself on every response. */
const addedByNode = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** The headers of a response as writeHead's flat list, less those node:http adds itself. */
export const headerList = (headers) => headers.filter(([name]) => !addedByNode.has(name)).flat();

/**
 * The databases a load-server child runs on: PGlite always, and PostgreSQL in a scratch database
 * (dropped by the caller) when a server URL is given.
 */
export async function loadTargets(postgresUrl, label) {
  const targets = [{ name: 'PGlite', env: { BENCH_DATABASE_URL: '' } }];
  const scratch = postgresUrl ? await scratchDatabase(postgresUrl, label) : undefined;
  if (scratch) targets.push({ name: 'PostgreSQL', env: { BENCH_DATABASE_URL: scratch.url } });
  return { targets, scratch };
}

export async function loadBench({ postgresUrl } = {}) {
  const rows = [];
  const { targets, scratch } = await loadTargets(postgresUrl, 'load');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mlbrief-load-'));
  const dailyQuery = JSON.stringify({
    query: '{ daily { date conceptOfTheDay { slug title summary } concepts { slug name title summary } topStories { rank score reasons story { title url summary publishedAt coverage source { name } } } } }',
  });
  try {
    for (const target of targets) {
      const app = await startServer(['app'], target.env);
      const cases = [
        { label: 'GET /daily', path: '/daily', request: {} },
        {
          label: "GET / (today's brief for a browser, brotli)",
          path: '/',
          target: '≥ 0.8× (issue 16); errors and non-2xx = 0',
          request: { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'accept-encoding': 'gzip, deflate, br' } },
        },
        {
          label: 'POST /graphql daily query (API key, rate-limited)',
          path: '/graphql',
          request: { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.secret}` }, body: dailyQuery },
        },
        {
          label: 'GET /graphql daily query (API key, rate-limited; HTTP-cacheable since issue 18)',
          path: `/graphql?query=${encodeURIComponent(JSON.parse(dailyQuery).query)}`,
          request: { headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${app.secret}` } },
        },
      ];
      for (const c of cases) {
        const { method = 'GET', headers, body } = c.request;
        const response = await capture(`${app.url}${c.path}`, { method, headers, body });
        const { bytes } = response;
        const head = headerList(response.headers);
        const [bodyFile, headFile] = [path.join(dir, 'body'), path.join(dir, 'head.json')];
        await writeFile(bodyFile, bytes);
        await writeFile(headFile, JSON.stringify([response.status, head]));
        const bare = await startServer(['bare', bodyFile, headFile]);
        const twoHeaders = await startServer(['bare', bodyFile, headFile, 'two-headers']);
        const reading = method === 'POST' ? await startServer(['bare', bodyFile, headFile, 'reading-body']) : undefined;
        const spinning = method === 'POST' ? await startServer(['bare', bodyFile, headFile, 'spinning']) : undefined;
        const r = await compare(
          { url: `${twoHeaders.url}${c.path}`, pid: twoHeaders.child.pid },
          { url: `${bare.url}${c.path}`, pid: bare.child.pid },
          { url: `${app.url}${c.path}`, pid: app.child.pid },
          c.request,
          reading && { url: `${reading.url}${c.path}`, pid: reading.child.pid },
          spinning && { url: `${spinning.url}${c.path}`, pid: spinning.child.pid },
        );
        bare.child.kill();
        twoHeaders.child.kill();
        reading?.child.kill();
        spinning?.child.kill();
        rows.push({
          figure: `${target.name}: ${c.label}, ${Math.round(r.app.rps)} req/s, p50 ${r.app.p50} ms, p99 ${r.app.p99} ms, errors ${r.app.errors}, non-2xx ${r.app.non2xx}`,
          value: r.app.rps,
          baseline: r.bare.rps,
          baselineName: `bare node:http answering the same ${response.status} with the same ${head.length / 2} headers and ${bytes.length} bytes to the same request, ${Math.round(r.bare.rps)} req/s; medians of ${rounds} alternating ${seconds} s runs, per-round ratios ${shown(r.spread)}`,
          target: c.target ?? '≥ 0.8× (issue 7); errors and non-2xx = 0',
          unit: 'req/s',
        });
        if (r.cpu) {
          rows.push({
            figure: `${target.name}: ${c.label}, server CPU per request (the throughput a saturated server would reach is its inverse)`,
            value: r.cpu.app,
            baseline: r.cpu.bare,
            baselineName: `the bare server in the same runs; per-round ratios ${shown(r.cpu.spread)}`,
            target: '≤ 1.25× (0.8× the bare capacity); informational',
            unit: 'µs',
          });
        }
        if (r.readingBody) {
          rows.push({
            figure: `${target.name}: ${c.label}, the same bare server reading the request's body before it answers, ${Math.round(r.readingBody.rps)} req/s`,
            value: r.readingBody.rps,
            baseline: r.bare.rps,
            baselineName: `the bare server above, which lets node:http discard the body; per-round ratios ${shown(r.readingBody.spread)} (the app against this server: ${shown(r.readingBody.appSpread)})`,
            target: 'informational: what reading a POST body costs node:http itself',
            unit: 'req/s',
          });
        }
        if (r.spun) {
          rows.push({
            figure: `${target.name}: ${c.label}, the same bare server spending 5 µs of JavaScript on each request before it answers, ${Math.round(r.spun.rps)} req/s, ${r.spun.cpu.toFixed(1)} µs CPU per request`,
            value: r.spun.rps,
            baseline: r.bare.rps,
            baselineName: `the bare server above; per-round ratios ${shown(r.spun.spread)}`,
            target: 'informational: what a little work per request costs here (the process that limits a run also pays the kernel for waking the other)',
            unit: 'req/s',
          });
        }
        rows.push({
          figure: `${target.name}: ${c.label}, the bare server sending the app's ${head.length / 2} headers, ${Math.round(r.bare.rps)} req/s`,
          value: r.bare.rps,
          baseline: r.twoHeaders.rps,
          baselineName: `the same bare server sending the body with content-type and content-length only, ${Math.round(r.twoHeaders.rps)} req/s; per-round ratios ${shown(r.headerSpread)}`,
          target: 'informational: what sending and reading the headers costs (autocannon shares the two cores)',
          unit: 'req/s',
        });
      }
      app.child.kill();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await scratch?.drop();
  }
  return rows;
}
