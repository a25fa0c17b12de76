// Start-up: time from spawning `mlbrief serve` to a healthy /healthz, first start (empty DATA_DIR
// or database) and restart, against the database client alone doing the same in the same run:
// PGlite (initdb, reopen), postgres.js (connect).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDatabase } from './scratch-db.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const main = path.join(root, 'dist/main.js');

/** Spawns `mlbrief serve` and resolves with the ms until /healthz answers 200, then stops it. */
async function timeToHealthy(env) {
  const started = performance.now();
  const child = spawn(process.execPath, [main, 'serve', '--no-worker'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (d) => {
      log += d;
      const m = /"url":"(http:[^"]+)"/.exec(log);
      if (m) resolve(m[1]);
    });
    child.on('close', (code) => reject(new Error(`serve exited ${code}: ${log.slice(-500)}`)));
  });
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - started;
  const exited = new Promise((r) => child.on('close', r));
  child.kill('SIGTERM');
  await exited;
  return ms;
}

/** The ms from spawning a fresh node process running `script` (an ES module) until it exits. */
async function timedScript(script) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  await new Promise((r) => child.on('close', r));
  return performance.now() - started;
}

/** PGlite alone, in a fresh process: open (initdb on an empty dir) and one query. */
const barePglite = (dataDir) =>
  timedScript(`const { PGlite } = await import('@electric-sql/pglite');
    const pg = await PGlite.create(${JSON.stringify(dataDir)});
    await pg.query('select 1');
    await pg.close();`);

/** postgres.js alone, in a fresh process: connect and one query (what any server process pays first). */
const barePostgres = (url) =>
  timedScript(`const { default: postgres } = await import('postgres');
    const sql = postgres(${JSON.stringify(url)}, { max: 1 });
    await sql\`select 1\`;
    await sql.end();`);

export async function startupBench({ postgresUrl } = {}) {
  const rows = [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mlbrief-bench-'));
  try {
    const baselineFirst = await barePglite(path.join(dir, 'bare'));
    const baselineReopen = await barePglite(path.join(dir, 'bare'));
    const first = await timeToHealthy({ DATA_DIR: path.join(dir, 'app'), DATABASE_URL: '' });
    const restart = await timeToHealthy({ DATA_DIR: path.join(dir, 'app'), DATABASE_URL: '' });
    rows.push(
      { figure: 'PGlite first start → /healthz (migrate + seed)', value: first, baseline: baselineFirst, baselineName: 'bare PGlite initdb + select 1', target: '< 1.0× (prepared cluster beats initdb)' },
      { figure: 'PGlite restart → /healthz', value: restart, baseline: baselineReopen, baselineName: 'bare PGlite reopen + select 1', target: 'informational' },
    );
    if (postgresUrl) {
      const scratch = await scratchDatabase(postgresUrl, 'startup');
      try {
        const pgFirst = await timeToHealthy({ DATABASE_URL: scratch.url });
        const pgRestart = await timeToHealthy({ DATABASE_URL: scratch.url });
        const pgBare = await barePostgres(scratch.url);
        rows.push(
          { figure: 'PostgreSQL first start → /healthz (empty database: migrate + seed)', value: pgFirst, baseline: pgRestart, baselineName: 'PostgreSQL restart', target: 'informational' },
          { figure: 'PostgreSQL restart → /healthz', value: pgRestart, baseline: pgBare, baselineName: 'bare postgres.js connect + select 1 in a fresh process', target: 'informational' },
        );
      } finally {
        await scratch.drop();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
