import { startApp } from '../../app.js';
import type { CommandContext } from '../command.js';

/** Serves until SIGTERM or SIGINT, then drains in-flight requests and closes the database. */
export async function serve({ config, logger, flags }: CommandContext): Promise<number> {
  if (!flags.worker) logger.info('scheduler disabled (--no-worker)');
  const app = await startApp({ config, logger });
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down');
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  await app.stop();
  logger.info('stopped');
  return 0;
}
