import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyLookupTtlMs } from '../../src/access/api-keys.js';
import type { RunningApp } from '../../src/app.js';
import { gql, startTestApp } from '../support/app.js';
import { mlbrief } from '../support/cli.js';
import { commandDatabase, type CommandDatabase } from '../support/data-dir.js';
import { backend } from '../support/database.js';

// Keys are rows like any other: the command is tested once, against the PostgreSQL server, where a
// process starts in a fraction of the embedded database's time (the CLI on PGlite is tested by
// tests/cli/cli.test.ts and ingest-cli.test.ts).
describe.runIf(backend === 'postgres')(`mlbrief keys on ${backend}`, { timeout: 300_000 }, () => {
  let database: CommandDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await commandDatabase('mlbrief-keys-cli-', { seeded: true });
    env = database.env;
  });
  afterAll(() => database?.dispose());

  /** The API over the commands' database, started while no command runs (PGlite serves one process). */
  const withApp = <T>(work: (app: RunningApp) => Promise<T>): Promise<T> =>
    database.withDatabase(async (db) => {
      const app = await startTestApp(db, { RATE_LIMIT_ANONYMOUS: '100', RATE_LIMIT_API_KEY: '1000' });
      try {
        return await work(app);
      } finally {
        await app.stop();
      }
    });

  // None of these opens the database: they run at once.
  it.concurrent.for([
    [['keys', 'create'], /^mlbrief: keys create needs --name N/],
    [['keys', 'revoke'], /^mlbrief: keys revoke needs the key id/],
    [['keys', 'revoke', 'nonsense'], /^mlbrief: "nonsense" is not an API key id/],
    [['keys', 'frob'], /^mlbrief: usage: mlbrief keys create --name N/],
    [['keys', 'list', '--name', 'x'], /^mlbrief: --name goes with `sources add` and `keys create`/],
  ] as [string[], RegExp][])('%j: one line on stderr, exit 2', async ([args, message], { expect }) => {
    const run = await mlbrief(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('creates a key whose secret works once printed, lists it, revokes it (then it is 401)', async () => {
    const created = await mlbrief(['keys', 'create', '--name', 'Weather app'], env);
    expect([created.code, created.stderr]).toEqual([0, '']);
    const [line, secret, ...rest] = created.stdout.split('\n');
    expect(rest).toEqual(['']);
    expect(line).toMatch(/^created API key (\S+) "Weather app"; its secret, shown only this once/);
    expect(secret).toMatch(/^mlb_[\w-]{32}$/);
    const id = /^created API key (\S+)/.exec(line!)![1]!;

    const listed = await mlbrief(['keys', 'list', '--json'], env);
    const keys = listed.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(keys).toEqual([{ id, name: 'Weather app', prefix: secret!.slice(0, 10), createdAt: expect.any(String), revokedAt: null }]);
    expect(listed.stdout).not.toContain(secret); // printed once, at creation

    await withApp(async (app) => {
      const res = await gql(app.url, '{ __typename }', {}, { authorization: `Bearer ${secret}` });
      expect([res.status, res.headers.get('x-ratelimit-limit')]).toEqual([200, '1000']);
      // The id the command prints is the one GraphQL knows.
      expect(id.length).toBeGreaterThan(4);
    });
    const lookedUp = Date.now();

    const revoked = await mlbrief(['keys', 'revoke', id], env);
    expect([revoked.code, revoked.stdout]).toEqual([0, `revoked ${id} "Weather app"\n`]);
    const again = await mlbrief(['keys', 'revoke', id], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no live API key/);
    expect((await mlbrief(['keys', 'list'], env)).stdout).toMatch(new RegExp(`^${id} {2}mlb_\\S+… {2}Weather app {2}created \\S+ {2}revoked \\S+\\n$`));

    // This test process looked the key up before `lookedUp`: another process's revocation reaches
    // it once that lookup is older than keyLookupTtlMs (src/access/api-keys.ts says so).
    await new Promise((resolve) => setTimeout(resolve, keyLookupTtlMs - (Date.now() - lookedUp)));
    await withApp(async (app) => {
      const res = await gql(app.url, '{ __typename }', {}, { authorization: `Bearer ${secret}` });
      expect([res.status, res.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    });
  });
});
