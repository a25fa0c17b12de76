import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/env.js';
import { AppError } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import type { Command } from './command.js';
import { migrate } from './commands/migrate.js';
import { seed } from './commands/seed.js';
import { serve } from './commands/serve.js';
import { usage, UsageError } from './usage.js';

const commands: Record<string, Command> = { serve, migrate, seed };

/** Runs one `mlbrief` command; returns the process exit code. */
export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'no-worker': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const [name, ...rest] = positionals;
    if (values.help || name === 'help') {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (!name) throw new UsageError('no command given; try `mlbrief --help`');
    const command = commands[name];
    if (!command) throw new UsageError(`unknown command "${name}"; try \`mlbrief --help\``);
    if (values['no-worker'] && name !== 'serve') throw new UsageError('--no-worker goes with `serve`');
    const config = loadConfig(env);
    const logger = createLogger(config.LOG_LEVEL);
    return await command({
      config,
      logger,
      flags: { worker: !values['no-worker'], json: values.json },
      positionals: rest,
      out: (line) => process.stdout.write(`${line}\n`),
    });
  } catch (error) {
    return reportFailure(error);
  }
}

function reportFailure(error: unknown): number {
  const known =
    error instanceof UsageError ||
    error instanceof ConfigError ||
    (error instanceof AppError && (error.code === 'INVALID_CONFIG' || error.code === 'INVALID_SEED')) ||
    (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  if (known) {
    process.stderr.write(`mlbrief: ${(error as Error).message}\n`);
    return 2;
  }
  process.stderr.write(`mlbrief: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
}
