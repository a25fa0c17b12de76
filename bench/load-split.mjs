// Load, split: where the cached GraphQL answer's time goes beside a bare node:http handler, the
// two measured at the same moment. The load bench (load.mjs) alternates separate processes, and on
// a small shared machine its ratios move with the machine from one run to the next. Here one app
// process also holds a bare server answering the app's captured bytes; two autocannon runs (25
// connections each) load both at once, and V8's CPU profiler, started inside that process,
// attributes the samples: each side's time from request to written answer, and of it the native
// writev that sends the answer. What is left beside writev is the handler's own work (for the app:
// routing, the key, the cache lookup, the rate-limit charge, the headers). writev's own cost grows
// with the delay before it: the later an answer comes, the more often the load generator on the
// same cores has gone to sleep and must be woken, and that wake-up is paid inside writev.
import { fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { autocannon, capture, headerList, loadTargets } from './load.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 6);
const rounds = Number(process.env.BENCH_LOAD_ROUNDS ?? 3);

/** Sends one message to the child and resolves with its first reply that has `key`. */
function ask(child, message, key) {
  return new Promise((resolve) => {
    const onMessage = (reply) => {
      if (reply && key in reply) {
        child.off('message', onMessage);
        resolve(reply[key]);
      }
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const shown = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

export async function loadSplitBench({ postgresUrl } = {}) {
  const rows = [];
  const { targets, scratch } = await loadTargets(postgresUrl, 'split');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mlbrief-split-'));
  const query = '{ daily { date conceptOfTheDay { slug title summary } concepts { slug name title summary } topStories { rank score reasons story { title url summary publishedAt coverage source { name } } } } }';
  try {
    for (const target of targets) {
      const child = fork(path.join(here, 'load-server.mjs'), ['app'], { env: { ...process.env, ...target.env }, stdio: 'inherit' });
      const app = await new Promise((resolve) => child.once('message', resolve));
      const cases = [
        { label: 'GET /graphql daily query', path: `/graphql?query=${encodeURIComponent(query)}`, request: { headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${app.secret}` } } },
        { label: 'POST /graphql daily query', path: '/graphql', request: { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.secret}` }, body: JSON.stringify({ query }) } },
      ];
      for (const c of cases) {
        const answer = await capture(`${app.url}${c.path}`, c.request);
        const [bodyFile, headFile] = [path.join(dir, 'body'), path.join(dir, 'head.json')];
        await writeFile(bodyFile, answer.bytes);
        await writeFile(headFile, JSON.stringify([answer.status, headerList(answer.headers)]));
        const bareUrl = await ask(child, { bare: [bodyFile, headFile] }, 'bareUrl');
        const load = (url) => autocannon(url, c.request, { connections: 25, seconds });
        const both = () => Promise.all([load(`${bareUrl}${c.path}`), load(`${app.url}${c.path}`)]);
        await both(); // warm-up: both paths optimized before the profile
        const per = { bare: [], app: [], bareWrite: [], appWrite: [] };
        let bad = 0;
        for (let i = 0; i < rounds; i++) {
          await ask(child, { profile: 'start' }, 'profiling');
          const [bare, appRun] = await both();
          const split = await ask(child, { profile: 'stop', name: `${target.name}-${c.request.method ?? 'GET'}-${i + 1}` }, 'profile');
          bad = Math.max(bad, ...[bare, appRun].map((r) => r.errors + r.non2xx));
          per.bare.push(split.bare.all / bare.total);
          per.app.push(split.app.all / appRun.total);
          per.bareWrite.push(split.bare.writev / bare.total);
          per.appWrite.push(split.app.writev / appRun.total);
        }
        const rest = (all, write) => all.map((x, i) => x - write[i]);
        const base = `the bare handler in the same process at the same time; medians of ${rounds} ${seconds} s rounds, per round`;
        const where = `${target.name}: ${c.label}, both servers under load at once in one process (V8 profile; errors and non-2xx ${bad})`;
        rows.push(
          { figure: `${where}: request to written answer`, value: median(per.app), baseline: median(per.bare), baselineName: `${base} ${shown(per.bare)} against ${shown(per.app)}`, target: 'informational: split of the load rows', unit: 'µs' },
          { figure: `${where}: of it, the write (writev, with the wake-up of the client)`, value: median(per.appWrite), baseline: median(per.bareWrite), baselineName: `${base} ${shown(per.bareWrite)} against ${shown(per.appWrite)}`, target: 'informational', unit: 'µs' },
          {
            figure: `${where}: of it, the handler's own work (all but writev)`,
            value: median(rest(per.app, per.appWrite)),
            baseline: median(rest(per.bare, per.bareWrite)),
            baselineName: `${base} ${shown(rest(per.bare, per.bareWrite))} against ${shown(rest(per.app, per.appWrite))}`,
            target: 'informational',
            unit: 'µs',
          },
        );
      }
      child.kill();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await scratch?.drop();
  }
  return rows;
}
