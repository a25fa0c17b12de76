import type { Config } from '../config/env.js';
import type { Logger } from '../shared/logger.js';

export interface CommandContext {
  config: Config;
  logger: Logger;
  flags: { worker: boolean; json: boolean };
  options: {
    name?: string | undefined;
    weight?: string | undefined;
    publisher?: string | undefined;
    kind?: string | undefined;
    date?: string | undefined;
    force?: boolean | undefined;
    explain?: boolean | undefined;
    dryRun?: boolean | undefined;
  };
  positionals: string[];
  /** Command output for people and scripts; logs go to stderr. */
  out: (line: string) => void;
}

export type Command = (context: CommandContext) => Promise<number>;
