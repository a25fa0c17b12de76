import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlbrief } from '../support/cli.js';
import { backend, createTestDatabase, type TestDatabase } from '../support/database.js';

// None of these opens a database: they run at once.
describe('mlbrief, bad input', { concurrent: true }, () => {
  it.for([
    [['serve'], { PORT: 'eighty' }, /^mlbrief: invalid configuration: PORT must be a number\n$/],
    [['serve'], { DATABASE_URL: 'mysql://x', EDITION_TIMEZONE: 'Mars/Olympus' }, /DATABASE_URL .*; EDITION_TIMEZONE /],
    [['frobnicate'], {}, /^mlbrief: unknown command "frobnicate"/],
    [['migrate', '--no-worker'], {}, /^mlbrief: --no-worker goes with `serve`\n$/],
    [['seed', '--bogus'], {}, /^mlbrief: Unknown option '--bogus'/],
  ] as [string[], Record<string, string>, RegExp][])('%j with %j: one line on stderr, exit 2', async ([args, env, message], { expect }) => {
    const run = await mlbrief(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints the package version with --version', async ({ expect }) => {
    const run = await mlbrief(['--version']);
    expect(run.code).toBe(0);
    const { version } = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'));
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('prints usage with --help', async ({ expect }) => {
    const run = await mlbrief(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/usage: mlbrief <command>/);
  });
});

describe(`mlbrief on ${backend}`, () => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mlbrief-cli-'));
    if (backend === 'postgres') {
      database = await createTestDatabase();
      env = { DATABASE_URL: database.url! };
    } else {
      env = { DATA_DIR: dataDir };
    }
  });
  afterAll(async () => {
    await database?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds idempotently: the second run changes nothing', async () => {
    const first = await mlbrief(['seed'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^seeded \d+ tags, \d+ concepts \(\d+ new or changed\) and \d+ sources\n$/);
    const second = await mlbrief(['seed'], env);
    expect(second.stdout).toMatch(/\(0 new or changed\)/);
  });

  it('migrates, and says so when there is nothing to do', async () => {
    const run = await mlbrief(['migrate'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('database is up to date\n');
  });

  it('serves, then on SIGTERM drains, closes the database and exits 0', async () => {
    const server = mlbrief(['serve', '--no-worker'], { ...env, PORT: '0', LOG_LEVEL: 'info' });
    const url = await new Promise<string>((resolve, reject) => {
      server.child.stderr!.on('data', (d: Buffer) => {
        const match = /"url":"(http:[^"]+)"/.exec(String(d));
        if (match) resolve(match[1]!);
      });
      server.child.on('close', () => reject(new Error('server exited before serving')));
    });
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ concepts(first: 10) { totalCount } }' }),
    });
    expect(((await res.json()) as any).data.concepts.totalCount).toBeGreaterThanOrEqual(7);
    server.child.kill('SIGTERM');
    const run = await server;
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/"msg":"stopped"/);
    if (backend === 'pglite') await expect(stat(path.join(dataDir, 'mlbrief.pid'))).rejects.toThrow();
  });

  it.runIf(backend === 'pglite')('refuses a second process on the same embedded DATA_DIR', async () => {
    // A schedule that never fires during the test: tests never reach the internet.
    const server = mlbrief(['serve'], { ...env, PORT: '0', LOG_LEVEL: 'info', INGEST_ON_START: 'false', INGEST_CRON: '0 0 1 1 *', EDITION_CRON: '0 0 1 1 *' });
    await new Promise<void>((resolve) => server.child.stderr!.on('data', (d: Buffer) => String(d).includes('serving') && resolve()));
    const second = await mlbrief(['seed'], env);
    server.child.kill('SIGTERM');
    await server;
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/is in use by another mlbrief process/);
  });

  it.runIf(backend === 'postgres')('lets two `migrate` processes run at once: both succeed', async () => {
    const runs = await Promise.all([mlbrief(['migrate'], env), mlbrief(['migrate'], env)]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
  });
});
