import { startApp } from '../../app.js';
import type { CommandContext } from '../command.js';
import { untilSignal } from '../until-signal.js';

/** Serves until SIGTERM or SIGINT, then drains in-flight requests and closes the database. */
export async function serve({ config, logger, flags }: CommandContext): Promise<number> {
  // Listening first: a SIGTERM that lands while starting still drains and closes the database.
  const signalled = untilSignal(logger);
  const app = await startApp({ config, logger, worker: flags.worker });
  await signalled;
  await app.stop();
  logger.info('stopped');
  return 0;
}
