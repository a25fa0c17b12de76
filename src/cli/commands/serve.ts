import { startApp } from '../../app.js';
import type { CommandContext } from '../command.js';
import { untilSignal } from '../until-signal.js';

/** Serves until SIGTERM or SIGINT, then drains in-flight requests and closes the database. */
export async function serve({ config, logger, flags }: CommandContext): Promise<number> {
  const app = await startApp({ config, logger, worker: flags.worker });
  await untilSignal(logger);
  await app.stop();
  logger.info('stopped');
  return 0;
}
