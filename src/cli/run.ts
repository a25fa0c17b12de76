import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { AppError } from '../shared/errors.js';
import type { Command } from './command.js';
import { usage, UsageError } from './usage.js';

// Loaded on demand: `--help`, `--version` and a mistyped command answer at once, and a command
// loads only what it uses (the server and Apollo load only for `serve`). Every command module
// reaches the database through db/configured.ts, never app.ts, which loads the whole server.
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.js')).serve,
  worker: async () => (await import('./commands/worker.js')).worker,
  migrate: async () => (await import('./commands/migrate.js')).migrate,
  seed: async () => (await import('./commands/seed.js')).seed,
  sources: async () => (await import('./commands/sources.js')).sources,
  ingest: async () => (await import('./commands/ingest.js')).ingest,
  edition: async () => (await import('./commands/edition.js')).edition,
  subscribers: async () => (await import('./commands/subscribers.js')).subscribersCommand,
  send: async () => (await import('./commands/send.js')).send,
  keys: async () => (await import('./commands/keys.js')).keys,
};

/** Runs one `mlbrief` command; returns the process exit code. */
export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'no-worker': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        name: { type: 'string' },
        weight: { type: 'string' },
        publisher: { type: 'string' },
        kind: { type: 'string' },
        date: { type: 'string' },
        force: { type: 'boolean' },
        explain: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
    const [name, ...rest] = positionals;
    if (values.version) {
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    if (values.help || name === 'help') {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (!name) throw new UsageError('no command given; try `mlbrief --help`');
    const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!load) throw new UsageError(`unknown command "${name}"; try \`mlbrief --help\``);
    if (values['no-worker'] && name !== 'serve') throw new UsageError('--no-worker goes with `serve`');
    const sourceFlags = [values.weight, values.publisher, values.kind];
    if (sourceFlags.some((v) => v !== undefined) && !(name === 'sources' && rest[0] === 'add')) {
      throw new UsageError('--weight, --publisher and --kind go with `sources add`');
    }
    if (values.name !== undefined && !(name === 'sources' && rest[0] === 'add') && !(name === 'keys' && rest[0] === 'create')) {
      throw new UsageError('--name goes with `sources add` and `keys create`');
    }
    if (values.force !== undefined && name !== 'edition') throw new UsageError('--force goes with `edition`');
    if (values.explain !== undefined && name !== 'edition') throw new UsageError('--explain goes with `edition`');
    if (values.date !== undefined && name !== 'edition' && name !== 'send') throw new UsageError('--date goes with `edition` and `send`');
    if (values['dry-run'] !== undefined && name !== 'send') throw new UsageError('--dry-run goes with `send`');
    if (values.json && !['sources', 'ingest', 'edition', 'subscribers', 'keys'].includes(name)) throw new UsageError(`--json does not go with \`${name}\``);
    // zod (config) and pino (logger) only once arguments are known good: bad ones answer at once.
    const [{ loadConfig }, { createLogger }] = await Promise.all([import('../config/env.js'), import('../shared/logger.js')]);
    const config = loadConfig(env);
    const logger = createLogger(config.LOG_LEVEL);
    const command = await load();
    return await command({
      config,
      logger,
      flags: { worker: !values['no-worker'], json: values.json },
      options: {
        name: values.name,
        weight: values.weight,
        publisher: values.publisher,
        kind: values.kind,
        date: values.date,
        force: values.force,
        explain: values.explain,
        dryRun: values['dry-run'],
      },
      positionals: rest,
      out: (line) => process.stdout.write(`${line}\n`),
    });
  } catch (error) {
    return reportFailure(error);
  }
}

/** The version in package.json, which ships beside dist/ (src/cli or dist/cli: two levels up). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function reportFailure(error: unknown): number {
  const known =
    error instanceof UsageError ||
    error instanceof ConfigError ||
    (error instanceof AppError && ['INVALID_CONFIG', 'INVALID_SEED', 'BAD_USER_INPUT'].includes(error.code)) ||
    (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  if (known) {
    process.stderr.write(`mlbrief: ${(error as Error).message}\n`);
    return 2;
  }
  process.stderr.write(`mlbrief: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
}
