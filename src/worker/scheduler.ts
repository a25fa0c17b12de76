import { schedule, type ScheduledTask } from 'node-cron';
import type { Config } from '../config/env.js';
import type { Database } from '../db/client.js';
import { fetchOptions } from '../news/fetch-options.js';
import { runIngest } from '../news/ingest.js';
import { publishEdition } from '../daily/build.js';
import { publishWhenNewsIsIn } from '../daily/reading.js';
import { ingestHistory } from '../news/ingest-runs.queries.js';
import { dateIn } from '../shared/dates.js';
import type { Logger } from '../shared/logger.js';
import { deliverDue, deliverEdition } from '../mail/delivery/deliver.js';
import { createMailer, type Mailer } from '../mail/mailer.js';
import { redactError } from '../mail/address.js';
import { pruneSubscriptions } from '../mail/subscribers/subscribe.js';
import type { EditionRow } from '../daily/build.js';

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * The worker: node-cron ticks that start jobs. Each tick names its slot, and the database lets one
 * run per slot happen however many workers share it (the ingest_runs.slot UNIQUE constraint,
 * behind an advisory transaction lock).
 */
export interface SchedulerDeps {
  config: Config;
  database: Database;
  logger: Logger;
  /** The process's mailer; without one the scheduler makes its own from `config` and closes it on stop. */
  mailer?: Mailer;
}

export function startScheduler({ config, database, logger, mailer: given }: SchedulerDeps): Scheduler {
  const log = logger.child({ component: 'scheduler' });
  const mailer = given ?? createMailer(config, logger);
  // Stopping ends the claiming of deliveries; messages in flight finish and are recorded.
  const stopping = new AbortController();
  const mailDeps = { database, mailer, logger: logger.child({ component: 'delivery' }), signal: stopping.signal };
  const deliver = (row: EditionRow) =>
    deliverEdition(mailDeps, row).catch((err: unknown) => log.error({ err: redactError(err), date: row.date }, 'delivering the edition failed; the next mail tick retries what is due'));
  let retrying = false;
  const retryDue = async () => {
    if (retrying) return;
    retrying = true;
    try {
      await pruneSubscriptions(database.db, new Date());
      await deliverDue(mailDeps);
    } catch (err) {
      log.error({ err: redactError(err) }, 'mail tick failed');
    } finally {
      retrying = false;
    }
  };
  const inFlight = new Set<Promise<unknown>>();
  const track = (job: Promise<unknown>) => {
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  };

  const ingestDeps = { database, logger, fetch: fetchOptions(config) };
  const editionDeps = { database, timeZone: config.EDITION_TIMEZONE };

  const ingest = (slot: string) =>
    track(
      runIngest(ingestDeps, { trigger: 'schedule', slot })
        .then((run) => run ?? log.info({ slot }, "ingest skipped: this tick was taken, or another pass (maybe this worker's start-up pass) is running"))
        .catch((err: unknown) => log.error({ err }, 'scheduled ingest failed')),
    );

  const edition = (tick: Date) =>
    track(
      publishEdition(editionDeps, dateIn(config.EDITION_TIMEZONE, tick))
        .then((row) => {
          log.info({ date: row.date }, 'edition published');
          return deliver(row);
        })
        .catch((err: unknown) => log.error({ err }, 'scheduled edition failed')),
    );

  const tasks: ScheduledTask[] = [
    schedule(config.INGEST_CRON, (ctx) => ingest(`ingest:${ctx.date.toISOString().slice(0, 19)}`), {
      name: 'ingest',
      noOverlap: true,
    }),
    // The edition row is UNIQUE per date and built under a lock: every worker may try, one publishes.
    schedule(config.EDITION_CRON, (ctx) => edition(ctx.date), {
      name: 'edition',
      noOverlap: true,
      timezone: config.EDITION_TIMEZONE,
    }),
    // Retries of deliveries that failed for now, and subscription housekeeping.
    schedule('* * * * *', () => track(retryDue()), { name: 'mail', noOverlap: true }),
  ];
  // A fresh install, or a worker that was down, would otherwise wait for the next tick for news,
  // and readers for today's edition: catch up now.
  const startUp = async () => {
    const [next, after] = tasks[0]!.getNextRuns(2);
    const interval = next && after ? after.getTime() - next.getTime() : 0;
    const history = await ingestHistory(database.db);
    if (config.INGEST_ON_START && (!history.lastSucceededAt || Date.now() - history.lastSucceededAt.getTime() > interval)) {
      // Named after the newest run seen (slot is UNIQUE): workers starting together make one pass.
      const slot = `ingest:start:after-${history.latestRunId ?? 0}`;
      const run = await runIngest(ingestDeps, { trigger: 'schedule', slot });
      if (!run) log.info({ slot }, 'start-up ingest skipped: another worker is ingesting');
    }
    const row = await publishWhenNewsIsIn(editionDeps, dateIn(config.EDITION_TIMEZONE, new Date()));
    if (row) {
      log.info({ date: row.date }, "today's edition is published");
      // A worker that was down at publishing time (or crashed mid-send) delivers what is left.
      await deliver(row);
    }
  };
  track(startUp().catch((err: unknown) => log.error({ err }, 'start-up catch-up failed')));

  log.info({ ingest: config.INGEST_CRON, edition: config.EDITION_CRON, timeZone: config.EDITION_TIMEZONE }, 'scheduler started');
  return {
    stop: async () => {
      stopping.abort();
      for (const task of tasks) await task.stop();
      // Finish the run in progress: every feed commits on its own, so waiting loses nothing.
      await Promise.allSettled([...inFlight]);
      if (!given) await mailer.transport.close();
    },
  };
}
