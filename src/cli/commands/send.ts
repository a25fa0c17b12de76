import { openConfiguredDatabase } from '../../db/configured.js';
import { editionByDate } from '../../daily/build.js';
import { migrate } from '../../db/migrate.js';
import { deliverEdition } from '../../mail/delivery/deliver.js';
import { createMailer } from '../../mail/mailer.js';
import { dateIn, isIsoDate } from '../../shared/dates.js';
import type { CommandContext } from '../command.js';
import { UsageError } from '../usage.js';
import { untilSignal } from '../until-signal.js';

/**
 * `send [--date D] [--dry-run]`: delivers a published edition to every confirmed subscriber not yet
 * sent it, as the worker does after publishing, and prints the counts. Safe beside running workers:
 * deliveries are claimed row by row, so nobody gets the edition twice.
 */
export async function send({ config, logger, options, out }: CommandContext): Promise<number> {
  const date = options.date ?? dateIn(config.EDITION_TIMEZONE, new Date());
  if (!isIsoDate(date)) throw new UsageError(`--date must be a calendar date, YYYY-MM-DD, got "${date}"`);
  const mailer = createMailer(config, logger);
  const { database, release } = await openConfiguredDatabase(config);
  const stop = new AbortController();
  void untilSignal(logger).then(() => stop.abort());
  try {
    await migrate(database.db);
    const edition = await editionByDate(database.db, date);
    if (!edition) throw new UsageError(`no edition is published for ${date}: publish it first with \`mlbrief edition --date ${date}\``);
    const report = await deliverEdition({ database, mailer, logger, signal: stop.signal }, edition, { dryRun: options.dryRun ?? false });
    const verb = report.dryRun ? 'would send' : 'sent';
    out(`${report.date}${report.dryRun ? ' (dry run, nothing sent)' : ''}: ${verb} ${report.sent}, skipped ${report.skipped}, failed ${report.failed}, pending ${report.pending}`);
    return 0;
  } finally {
    await mailer.transport.close();
    await release();
  }
}
