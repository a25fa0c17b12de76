import { schedule, type ScheduledTask } from 'node-cron';
import type { Config } from '../config/env.js';
import type { Database } from '../db/client.js';
import { fetchOptions } from '../news/fetch-options.js';
import { runIngest } from '../news/ingest.js';
import type { Logger } from '../shared/logger.js';

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * The worker: node-cron ticks that start jobs. Each tick names its slot, and the database lets one
 * run per slot happen however many workers share it (the ingest_runs.slot UNIQUE constraint,
 * behind an advisory transaction lock).
 */
export function startScheduler({ config, database, logger }: { config: Config; database: Database; logger: Logger }): Scheduler {
  const log = logger.child({ component: 'scheduler' });
  const inFlight = new Set<Promise<unknown>>();
  const track = (job: Promise<unknown>) => {
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  };

  const ingest = (slot: string) =>
    track(
      runIngest({ database, logger, fetch: fetchOptions(config) }, { trigger: 'schedule', slot })
        .then((run) => run ?? log.info({ slot }, 'ingest skipped: another worker has this tick'))
        .catch((err: unknown) => log.error({ err }, 'scheduled ingest failed')),
    );

  const tasks: ScheduledTask[] = [
    schedule(config.INGEST_CRON, (ctx) => ingest(`ingest:${ctx.date.toISOString().slice(0, 16)}`), {
      name: 'ingest',
      noOverlap: true,
    }),
  ];
  log.info({ ingest: config.INGEST_CRON }, 'scheduler started');
  return {
    stop: async () => {
      for (const task of tasks) await task.stop();
      // Finish the run in progress: every feed commits on its own, so waiting loses nothing.
      await Promise.allSettled([...inFlight]);
    },
  };
}
