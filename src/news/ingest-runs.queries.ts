import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { ingestRuns, ingestRunSources, sources } from '../db/schema/index.js';
import type { IngestRun } from './ingest.js';

/**
 * Whether everything published before `instant` has been fetched: a pass that started at or after
 * it has succeeded and read at least one feed, or no source is enabled (nothing more will come).
 * A pass whose every feed failed (the network down at start-up, say) does not count: freezing then
 * would publish a day without news.
 */
export async function ingestCaughtUp(db: Db, instant: Date): Promise<boolean> {
  const [row] = await queryRows<{ caught_up: boolean }>(
    db,
    sql`select exists(select 1 from ingest_runs where status = 'succeeded' and sources_failed < sources_total
            and started_at >= ${instant.toISOString()}::timestamptz)
          or not exists(select 1 from sources where enabled) as caught_up`,
  );
  return row!.caught_up;
}

export interface IngestHistory {
  /** The newest run, whatever its status; null before the first. */
  latestRunId: number | null;
  /** When the newest successful pass finished; null before the first. */
  lastSucceededAt: Date | null;
}

export async function ingestHistory(db: Db): Promise<IngestHistory> {
  const [row] = await queryRows<{ latest_run_id: number | null; last_succeeded_at: string | Date | null }>(
    db,
    sql`select (select id from ingest_runs order by id desc limit 1) as latest_run_id,
          (select max(finished_at) from ingest_runs where status = 'succeeded') as last_succeeded_at`,
  );
  return {
    latestRunId: row!.latest_run_id === null ? null : Number(row!.latest_run_id),
    lastSucceededAt: row!.last_succeeded_at === null ? null : new Date(row!.last_succeeded_at),
  };
}

/** When this installation's first ingest pass started; null before the first. */
export async function firstIngestAt(db: Db): Promise<Date | null> {
  const [row] = await queryRows<{ first: string | Date | null }>(db, sql`select min(started_at) as first from ingest_runs`);
  return row?.first ? new Date(row.first) : null;
}

/** A finished or running ingest pass with its outcome per fetched source (skipped sources left out), or undefined. */
export async function ingestRunById(db: Db, id: number): Promise<IngestRun | undefined> {
  const [run] = await db.select().from(ingestRuns).where(eq(ingestRuns.id, id));
  if (!run) return undefined;
  const outcomes = await db
    .select({ outcome: ingestRunSources, url: sources.url, name: sources.name })
    .from(ingestRunSources)
    .innerJoin(sources, eq(sources.id, ingestRunSources.sourceId))
    .where(and(eq(ingestRunSources.runId, id), ne(ingestRunSources.status, 'skipped')))
    .orderBy(asc(sources.url));
  return {
    id: run.id,
    trigger: run.trigger,
    itemsNew: run.itemsNew,
    sourcesFailed: run.sourcesFailed,
    sources: outcomes.map(({ outcome, url, name }) => ({ ...outcome, url, name, status: outcome.status as 'ok' })),
  };
}
