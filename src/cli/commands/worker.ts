import { openConfiguredDatabase } from '../../db/configured.js';
import { migrate } from '../../db/migrate.js';
import { createMailer } from '../../mail/mailer.js';
import { startScheduler } from '../../worker/scheduler.js';
import type { CommandContext } from '../command.js';
import { UsageError } from '../usage.js';
import { untilSignal } from '../until-signal.js';

/** The scheduler alone, for deployments with several API replicas on one PostgreSQL. */
export async function worker({ config, logger }: CommandContext): Promise<number> {
  // The embedded database is one process: its worker runs inside `serve`.
  if (!config.DATABASE_URL) throw new UsageError('`worker` needs DATABASE_URL (with the embedded database, `serve` runs the worker)');
  const signalled = untilSignal(logger);
  const mailer = createMailer(config, logger);
  const { database, release } = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const scheduler = startScheduler({ config, database, logger, mailer });
    await signalled;
    await scheduler.stop();
    logger.info('stopped');
    return 0;
  } finally {
    await mailer.transport.close();
    await release();
  }
}
