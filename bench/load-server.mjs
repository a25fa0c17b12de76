// A server process for bench/load.mjs and bench/load-split.mjs: the real app on PGlite (or BENCH_DATABASE_URL), or with
// `bare`, a node:http server answering precomputed bytes: status, headers and body (the baseline;
// `two-headers`, `reading-body` and `spinning` are the informational variants below).
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const mode = process.argv[2];
if (mode === 'bare') {
  // argv: the body file, then a JSON file of [status, flat header list] captured from the app's
  // answer. With `two-headers` the body goes out with only content-type and content-length.
  const body = readFileSync(process.argv[3]);
  const [status, captured] = JSON.parse(readFileSync(process.argv[4], 'utf8'));
  const head = process.argv[5] === 'two-headers' ? ['content-type', captured[captured.indexOf('content-type') + 1], 'content-length', String(body.length)] : captured;
  // With `reading-body`, the request's body is read to its end before the answer, as any server
  // that acts on a POST must (the plain bare server lets node:http discard it).
  const readingBody = process.argv[5] === 'reading-body';
  // With `spinning`, 5 µs of busy JavaScript before each answer: what a little work per request
  // costs in this harness, where client and server share two cores.
  const spinMs = process.argv[5] === 'spinning' ? 0.005 : 0;
  const server = createServer((req, res) => {
    if (spinMs) for (const until = performance.now() + spinMs; performance.now() < until; );
    if (!readingBody) {
      res.writeHead(status, head);
      res.end(body);
      return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(status, head);
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));
} else {
  const { startApp } = await import('../dist/app.js');
  const { loadConfig } = await import('../dist/config/env.js');
  const { openDatabase } = await import('../dist/db/client.js');
  const { createLogger } = await import('../dist/shared/logger.js');
  const { createApiKey } = await import('../dist/access/api-keys.js');
  const { publishEdition } = await import('../dist/daily/build.js');
  const { dateIn } = await import('../dist/shared/dates.js');
  const url = process.env.BENCH_DATABASE_URL;
  const database = await openDatabase(url ? { url, dataDir: '' } : { dataDir: 'memory://' });
  const config = loadConfig({ PORT: '0', NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_API_KEY: '1000000000', RATE_LIMIT_ANONYMOUS: '1000000000' });
  const app = await startApp({ config, logger: createLogger('warn'), database });
  const { secret } = await createApiKey(database.db, 'bench');
  await publishEdition({ database, timeZone: 'UTC' }, dateIn('UTC', new Date()));
  process.send({ url: app.url, secret });
  // For bench/load-split.mjs: a bare server inside this same process, and V8's CPU profiler over a
  // window, so the app and the bare handler are measured at the same moment on the same machine.
  process.on('message', (message) => void splitCommand(message).then((reply) => reply && process.send(reply)));
}

let profiler;
async function splitCommand(message) {
  if (message.bare) {
    const body = readFileSync(message.bare[0]);
    const [status, head] = JSON.parse(readFileSync(message.bare[1], 'utf8'));
    const server = createServer(function bareAnswer(req, res) {
      res.writeHead(status, head);
      res.end(body);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { bareUrl: `http://127.0.0.1:${server.address().port}` };
  }
  if (message.profile === 'start') {
    const { Session } = await import('node:inspector/promises');
    profiler ??= new Session();
    profiler.connect?.();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 50 });
    await profiler.post('Profiler.start');
    return { profiling: true };
  }
  if (message.profile === 'stop') {
    const { profile } = await profiler.post('Profiler.stop');
    profiler.disconnect();
    profiler = undefined;
    // BENCH_SPLIT_PROFILE_DIR keeps each window's profile (open it in Chrome DevTools' Performance panel).
    const keep = process.env.BENCH_SPLIT_PROFILE_DIR;
    if (keep) writeFileSync(path.join(keep, `${message.name ?? 'split'}.cpuprofile`), JSON.stringify(profile));
    return { profile: splitOf(profile) };
  }
}

/**
 * Sampled µs spent answering, for the bare handler and for the app: each side's frames taken whole
 * (the frame and everything it called), and of that the native writev that sends the answer. A
 * side's frames are the outermost of its own code: node:http's frames above them are shared by the
 * two servers (a profile's tree is by call path, not by server). For the app that is its request
 * handler, and for a POST also the body's data callback, from which the cached answer is written.
 * V8 inlines some handlers and callbacks, and their frames then vanish, so the outermost frame is
 * found by walking up through the app's own files rather than by name.
 */
function splitOf(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n);
  const perSample = (profile.endTime - profile.startTime) / profile.samples.length;
  const rootsOf = (isOwn) => {
    const outermost = (n) => {
      let top = n;
      for (let up = parentOf.get(n.id); up && isOwn(up); up = parentOf.get(up.id)) top = up;
      return top;
    };
    const found = new Set(profile.nodes.filter(isOwn).map(outermost));
    // Own code called back from inside own code through node's (an event emitted by a handler) would count twice.
    const inside = (n) => {
      for (let up = parentOf.get(n.id); up; up = parentOf.get(up.id)) if (found.has(up)) return true;
      return false;
    };
    return [...found].filter((n) => !inside(n));
  };
  const measure = (roots) => {
    let all = 0;
    let writev = 0;
    const walk = (n) => {
      all += n.hitCount ?? 0;
      if (n.callFrame.functionName === 'writev' && n.callFrame.url === '') writev += n.hitCount ?? 0;
      for (const c of n.children ?? []) walk(byId.get(c));
    };
    for (const root of roots) walk(root);
    return { all: all * perSample, writev: writev * perSample };
  };
  return {
    bare: measure(rootsOf((n) => n.callFrame.functionName === 'bareAnswer')),
    app: measure(rootsOf((n) => /\/dist\/http\/(app|server|graphql-route|body)\.js$/.test(n.callFrame.url))),
  };
}
