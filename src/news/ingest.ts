import { and, eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import { concepts, ingestRuns, ingestRunSources, sources } from '../db/schema/index.js';
import { lockKeys } from '../db/locks.js';
import { runAlone } from '../db/single-runner.js';
import type { Logger } from '../shared/logger.js';
import { ingestItemsNew, ingestLastPassSources, ingestLastPassSourcesFailed, ingestRunsTotal, ingestSourceOutcomes } from '../shared/metrics.js';
import { refreshStatistics } from '../db/maintenance.js';
import { newsChanged } from '../cache/data-version.js';
import { nextAttemptAt } from './backoff.js';
import { detectKind, type SourceKind } from './kind.js';
import { fetchFeed } from './fetch/fetch-feed.js';
import { createLimiter, type Limiter } from './fetch/limiter.js';
import { buildConceptMatcher } from './link/index.js';
import { normalizeItem } from './normalize/index.js';
import { parseFeed } from './parse/index.js';
import { reclusterRecent } from './recluster.js';
import { dueSources, type SourceRow } from './sources.queries.js';
import { storeStories } from './stories.store.js';
import { FetchError, ParseError, type FetchOptions } from './types.js';

export interface IngestDeps {
  database: Database;
  logger: Logger;
  fetch: Omit<FetchOptions, 'maxRedirects'>;
  now?: () => Date;
  /** Feeds fetched at once, overall and per host (default 4 and 1); parses are bounded the same way. */
  concurrency?: { global: number; perHost: number };
}

export interface SourceOutcome {
  sourceId: number;
  url: string;
  name: string;
  status: 'ok' | 'not_modified' | 'error';
  httpStatus: number | null;
  itemsSeen: number;
  itemsNew: number;
  error: string | null;
  durationMs: number;
}

const newsTables = ['stories', 'story_concepts', 'ingest_runs'];

export interface IngestRun {
  id: number;
  trigger: 'schedule' | 'cli' | 'api';
  sources: SourceOutcome[];
  itemsNew: number;
  sourcesFailed: number;
}

export interface IngestOptions {
  trigger: IngestRun['trigger'];
  /** The schedule tick served; a second run for the same slot is skipped. */
  slot?: string;
  onSource?: (outcome: SourceOutcome) => void;
}

/**
 * One fetch pass over every due source: the one orchestrator that owns I/O and transactions.
 * Each feed commits on its own (items, validators and health together), so a failure or a crash
 * costs that feed's pass only. Returns undefined when another run holds the ingest lock.
 */
export async function runIngest(deps: IngestDeps, options: IngestOptions): Promise<IngestRun | undefined> {
  return runAlone(deps.database, lockKeys.ingest, () => ingestPass(deps, options));
}

async function ingestPass(deps: IngestDeps, options: IngestOptions): Promise<IngestRun | undefined> {
  const { db } = deps.database;
  const now = deps.now ?? (() => new Date());
  // A run left 'running' by a crashed process will never finish; say so.
  await db.update(ingestRuns).set({ status: 'abandoned', finishedAt: now() }).where(eq(ingestRuns.status, 'running'));
  const [run] = await db
    .insert(ingestRuns)
    .values({ trigger: options.trigger, slot: options.slot ?? null, startedAt: now() })
    .onConflictDoNothing({ target: ingestRuns.slot })
    .returning({ id: ingestRuns.id });
  if (!run) return undefined;

  const due = await dueSources(db, now());
  const matcher = buildConceptMatcher(await conceptVocabulary(db));
  const { global, perHost } = deps.concurrency ?? { global: 4, perHost: 1 };
  // One feed more per host than it has fetches may be in flight: while one feed is normalized and
  // stored, the next from its host is fetched and parsed (a large one on a worker thread).
  const inFlight = createLimiter({ global, perHost: perHost + 1 });
  const stages: Stages = { fetches: createLimiter({ global, perHost }), parses: createLimiter({ global, perHost }) };
  const outcomes = await Promise.all(
    due.map((source) =>
      inFlight.run(new URL(source.url).host, async () => {
        const outcome = await ingestSource(deps, source, matcher, now, stages);
        await db.insert(ingestRunSources).values({ runId: run.id, ...outcomeRow(outcome) });
        options.onSource?.(outcome);
        return outcome;
      }),
    ),
  );
  // Clusters are derived data: if computing them fails, the stored stories still stand.
  await reclusterRecent(db, now()).catch((err: unknown) => deps.logger.error({ err }, 'reclustering recent stories failed'));
  const itemsNew = outcomes.reduce((n, o) => n + o.itemsNew, 0);
  const sourcesFailed = outcomes.filter((o) => o.status === 'error').length;
  await db
    .update(ingestRuns)
    .set({ status: 'succeeded', finishedAt: now(), sourcesTotal: outcomes.length, sourcesFailed, itemsNew })
    .where(eq(ingestRuns.id, run.id));
  // Pages and answers showing news, in this process, are stale now: new stories, edited titles,
  // clusters recomputed (other processes see the run in the data version's stamp within two
  // seconds, which moves with every run, so a pass that changed nothing costs no more here).
  newsChanged();
  // PGlite has no autovacuum: without fresh statistics the planner misjudges a growing stories
  // table. A server's autovacuum does this on its own schedule.
  if (itemsNew > 0 && deps.database.kind === 'pglite') {
    await refreshStatistics(db, newsTables).catch((err: unknown) => deps.logger.error({ err }, 'refreshing statistics failed'));
  }
  ingestRunsTotal.inc();
  ingestItemsNew.inc(itemsNew);
  for (const o of outcomes) ingestSourceOutcomes.inc({ status: o.status });
  ingestLastPassSources.set(outcomes.length);
  ingestLastPassSourcesFailed.set(sourcesFailed);
  const summary = { run: run.id, sources: outcomes.length, sourcesFailed, itemsNew };
  // Every feed failing at once is rarely the feeds: the network or DNS is down, and news stops.
  if (outcomes.length > 0 && sourcesFailed === outcomes.length) {
    deps.logger.warn({ ...summary, firstError: outcomes[0]!.error }, 'ingest pass finished: every source failed');
  } else deps.logger.info(summary, 'ingest pass finished');
  return { id: run.id, trigger: options.trigger, sources: outcomes, itemsNew, sourcesFailed };
}

/** Per-host bounds on the stages that hold a connection to the host or a parse worker. */
interface Stages {
  fetches: Limiter;
  parses: Limiter;
}

async function ingestSource(
  deps: IngestDeps,
  source: SourceRow,
  matcher: (text: string) => number[],
  now: () => Date,
  stages: Stages,
): Promise<SourceOutcome> {
  const started = performance.now();
  const { db } = deps.database;
  const base = { sourceId: source.id, url: source.url, name: source.name };
  // A feed's duration leaves out the time it waited for the feed before it from the same host.
  let waited = 0;
  const elapsed = () => Math.round(performance.now() - started - waited);
  const host = new URL(source.url).host;
  const inTurn = <T>(stage: Limiter, task: () => Promise<T>): Promise<T> => {
    const queued = performance.now();
    return stage.run(host, () => {
      waited += performance.now() - queued;
      return task();
    });
  };
  try {
    const fetched = await inTurn(stages.fetches, () =>
      fetchFeed({ url: source.url, etag: source.etag, lastModified: source.lastModified }, deps.fetch),
    );
    if (fetched.kind === 'not-modified') {
      await recordSuccess(db, source.id, now(), { status: 'not_modified', httpStatus: 304, etag: fetched.etag, lastModified: fetched.lastModified });
      return { ...base, status: 'not_modified', httpStatus: 304, itemsSeen: 0, itemsNew: 0, error: null, durationMs: elapsed() };
    }
    const feed = await inTurn(stages.parses, () => parseFeed(fetched.body, { contentType: fetched.contentType, url: fetched.url }));
    const fetchedAt = now();
    const items = feed.items.flatMap((item) => {
      const normalized = normalizeItem(item, { now: fetchedAt, feedUrl: fetched.url });
      return normalized ? [{ ...normalized, conceptIds: matcher(`${normalized.title}\n${normalized.summary}`) }] : [];
    });
    const stored = await db.transaction(async (tx) => {
      const result = await storeStories(tx as unknown as Db, source.id, items);
      await recordSuccess(tx as unknown as Db, source.id, fetchedAt, {
        status: 'ok',
        httpStatus: fetched.status,
        etag: fetched.etag,
        lastModified: fetched.lastModified,
        siteUrl: feed.siteUrl,
        detectedKind: detectKind(items.map((i) => i.url), source.siteUrl ?? feed.siteUrl, source.url),
      });
      return result;
    });
    return { ...base, status: 'ok', httpStatus: fetched.status, itemsSeen: stored.seen, itemsNew: stored.inserted, error: null, durationMs: elapsed() };
  } catch (error) {
    if (!(error instanceof FetchError || error instanceof ParseError)) {
      deps.logger.error({ err: error, source: source.url }, 'unexpected error while ingesting a source');
    }
    const message = error instanceof FetchError || error instanceof ParseError ? `${error.code}: ${error.message}` : 'internal error (see logs)';
    const httpStatus = error instanceof FetchError ? (error.details.status ?? null) : null;
    const retryAfterMs = error instanceof FetchError ? error.details.retryAfterMs : undefined;
    await recordFailure(db, source, now(), message, httpStatus, retryAfterMs);
    return { ...base, status: 'error', httpStatus, itemsSeen: 0, itemsNew: 0, error: message, durationMs: elapsed() };
  }
}

async function recordSuccess(
  db: Db,
  sourceId: number,
  at: Date,
  r: {
    status: 'ok' | 'not_modified';
    httpStatus: number;
    etag: string | null;
    lastModified: string | null;
    siteUrl?: string | null;
    /** From this fetch's items; null (too few links to tell) keeps the last one. */
    detectedKind?: SourceKind | null;
  },
) {
  await db
    .update(sources)
    .set({
      lastFetchedAt: at,
      lastStatus: r.status,
      lastHttpStatus: r.httpStatus,
      lastError: null,
      errorCount: 0,
      nextAttemptAt: null,
      etag: r.etag,
      lastModified: r.lastModified,
      ...(r.siteUrl ? { siteUrl: sql`coalesce(${sources.siteUrl}, ${r.siteUrl})` } : {}),
      ...(r.detectedKind ? { detectedKind: r.detectedKind } : {}),
    })
    .where(eq(sources.id, sourceId));
}

async function recordFailure(db: Db, source: SourceRow, at: Date, message: string, httpStatus: number | null, retryAfterMs?: number) {
  const errorCount = source.errorCount + 1;
  await db
    .update(sources)
    .set({
      lastFetchedAt: at,
      lastStatus: 'error',
      lastHttpStatus: httpStatus,
      lastError: message.slice(0, 1000),
      errorCount: sql`${sources.errorCount} + 1`,
      nextAttemptAt: nextAttemptAt(errorCount, at, retryAfterMs),
    })
    .where(eq(sources.id, source.id));
}

async function conceptVocabulary(db: Db) {
  return db
    .select({ id: concepts.id, name: concepts.name, aliases: concepts.aliases })
    .from(concepts)
    .where(and(eq(concepts.status, 'published')));
}

function outcomeRow(o: SourceOutcome) {
  return {
    sourceId: o.sourceId,
    status: o.status,
    httpStatus: o.httpStatus,
    itemsSeen: o.itemsSeen,
    itemsNew: o.itemsNew,
    error: o.error,
    durationMs: o.durationMs,
  };
}
