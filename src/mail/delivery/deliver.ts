import { eq } from 'drizzle-orm';
import type { EditionRow } from '../../daily/build.js';
import type { Database } from '../../db/client.js';
import { editions } from '../../db/schema/index.js';
import type { Logger } from '../../shared/logger.js';
import { mailDeliveries } from '../../shared/metrics.js';
import { addressHash } from '../address.js';
import type { Mailer } from '../mailer.js';
import { issueTokens } from '../tokens.js';
import { defaultRetryPolicy, retryAt, type RetryPolicy } from './backoff.js';
import { classifyFailure } from './classify.js';
import { buildDailyTemplate, type DailyTemplate } from './daily-message.js';
import { claimDeliveries, dueCount, editionStateCounts, enqueueEdition, expireStale, notYetQueued, recoverOrphans, releaseClaims, type Claimed } from './deliveries.queries.js';
import { OutcomeWriter, type Outcome } from './outcomes.js';
import { senderKey, whileAlive } from './owner-lock.js';

export interface DeliveryDeps {
  database: Database;
  mailer: Mailer;
  logger: Logger;
  now?: () => Date;
  retry?: RetryPolicy;
  /** Rows claimed per statement (250: one claim per quarter of a second at ~1,000 messages a second). */
  batchSize?: number;
  /** Messages handed to the transport and not yet answered, at most. */
  inFlight?: number;
  /** Stop claiming (shutdown); what is in flight finishes and is recorded. */
  signal?: AbortSignal;
}

/** An edition's deliveries after a run, split four ways (they add up to every row of the edition). */
export interface DeliveryReport {
  date: string;
  dryRun: boolean;
  /** Sent by this run (a dry run: would be sent now). */
  sent: number;
  /** Not for this run: sent before (or by another worker), or the subscriber left since it was queued. */
  skipped: number;
  /** Failed for good: a permanent refusal, or retries used up. */
  failed: number;
  /** Waiting for a retry, or being sent by another worker. */
  pending: number;
}

/** Consecutive failures without an SMTP reply (server down, refused, timing out) that end a run. */
const connectionFailureLimit = 10;
/** Answered messages whose outcome is not yet in the database, at most. */
const maxUnrecorded = 200;
const staleAfterMs = 24 * 60 * 60_000;

/**
 * Delivers a published edition to every confirmed subscriber who has not had it: enqueue (one row
 * per subscriber, UNIQUE), then claim, send and record until nothing is due. A dry run writes nothing.
 */
export async function deliverEdition(deps: DeliveryDeps, edition: EditionRow, options: { dryRun?: boolean } = {}): Promise<DeliveryReport> {
  const { db } = deps.database;
  const now = deps.now ?? (() => new Date());
  if (options.dryRun) {
    const counts = await editionStateCounts(db, edition.id);
    const due = await dueCount(db, edition.id, now());
    const fresh = await notYetQueued(db, edition.id);
    return {
      date: edition.date,
      dryRun: true,
      sent: fresh + due,
      skipped: counts.sent + counts.skipped,
      failed: counts.failed,
      pending: counts.pending - due + counts.sending,
    };
  }
  const queued = await enqueueEdition(db, edition.id, now());
  const run = await runDeliveries(deps, edition.id);
  const counts = await editionStateCounts(db, edition.id);
  const report = {
    date: edition.date,
    dryRun: false,
    sent: run.sent,
    skipped: counts.sent - run.sent + counts.skipped,
    failed: counts.failed,
    pending: counts.pending + counts.sending,
  };
  deps.logger.info({ ...report, queued }, 'edition delivered');
  return report;
}

/** The retry pass: whatever is due for any edition (transient failures whose time has come). */
export async function deliverDue(deps: DeliveryDeps): Promise<RunCounts> {
  const expired = await expireStale(deps.database.db, (deps.now ?? (() => new Date()))(), staleAfterMs);
  if (expired) deps.logger.warn({ expired }, 'deliveries not sent within a day were given up');
  const run = await runDeliveries(deps);
  if (run.sent + run.failed + run.retrying + run.skipped) deps.logger.info(run, 'due deliveries sent');
  return run;
}

export interface RunCounts {
  sent: number;
  failed: number;
  retrying: number;
  skipped: number;
}

/** Claims, sends and records until nothing is due (for one edition, or any). The one place that sends the brief. */
export async function runDeliveries(deps: DeliveryDeps, editionId?: number): Promise<RunCounts> {
  const { database, mailer, logger, signal } = deps;
  const { db } = database;
  const now = deps.now ?? (() => new Date());
  const policy = deps.retry ?? defaultRetryPolicy;
  const batchSize = deps.batchSize ?? 250;
  const inFlight = deps.inFlight ?? 20;
  const counts: RunCounts = { sent: 0, failed: 0, retrying: 0, skipped: 0 };

  return whileAlive(database, async () => {
    const owner = senderKey(database);
    const writer = new OutcomeWriter(database, now);
    const templates = new Map<number, Promise<DailyTemplate>>();
    /** Messages handed to the transport and not yet answered. */
    const sending = new Set<Promise<void>>();
    /** Answers not yet recorded: bounded, so a slow database slows the sending instead of piling up. */
    const recording = new Set<Promise<void>>();
    let connectionFailures = 0;
    let stopped = false;
    /** An outcome that could not be recorded (the database is away): the run ends with it. */
    let broken: { error: unknown } | undefined;

    const templateFor = (id: number) => {
      let template = templates.get(id);
      if (!template) templates.set(id, (template = loadEdition(database, id).then((e) => buildDailyTemplate(e, mailer))));
      return template;
    };

    const record = (outcome: Outcome, counted: keyof RunCounts, logged?: () => void) => {
      const job: Promise<void> = writer
        .record(outcome)
        .then(() => {
          counts[counted]++;
          mailDeliveries.inc({ outcome: outcome.kind });
          logged?.();
        })
        .catch((error: unknown) => {
          broken ??= { error };
          stopped = true;
        })
        .finally(() => recording.delete(job));
      recording.add(job);
    };

    /** Sends one message; its slot is free as soon as the server answers, while the answer is recorded. */
    const sendOne = async (row: Claimed, token: string): Promise<void> => {
      const message = (await templateFor(row.editionId)).fill({ deliveryId: row.id, email: row.email, unsubscribeToken: token });
      try {
        await mailer.transport.send(message);
      } catch (error) {
        const failure = classifyFailure(error);
        connectionFailures = failure.code === undefined ? connectionFailures + 1 : 0;
        if (connectionFailures >= connectionFailureLimit && !stopped) {
          stopped = true;
          logger.error({ error: failure.message }, 'the mail server keeps failing: this run stops; unsent deliveries wait for the next');
        }
        const at = failure.kind === 'retry' ? retryAt(row.attempts, now(), policy) : undefined;
        const log = { delivery: row.id, subscriber: addressHash(row.email), attempts: row.attempts, code: failure.code, error: failure.message };
        const common = { id: row.id, subscriberId: row.subscriberId, code: failure.code, error: failure.message };
        if (at) record({ kind: 'retry', ...common, at }, 'retrying', () => logger.info({ ...log, retryAt: at }, 'delivery failed for now; it will be retried'));
        else {
          const bounce = failure.kind === 'bounce';
          record({ kind: 'failed', ...common, bounce }, 'failed', () => logger.warn(log, bounce ? 'delivery refused for good (counts as a bounce)' : 'delivery failed: retries used up'));
        }
        return;
      }
      connectionFailures = 0;
      record({ kind: 'sent', id: row.id, subscriberId: row.subscriberId, bounceCount: row.bounceCount }, 'sent');
    };

    /** The next batch, claimed while the current one is being sent: no pause between batches. */
    const claimNext = () => {
      const tokens = issueTokens(batchSize);
      return claimDeliveries(database, owner, tokens.map((t) => t.hash), now(), editionId).then((claimed) => ({ claimed, tokens }));
    };
    let next: ReturnType<typeof claimNext> | undefined;
    try {
      const recovered = await recoverOrphans(database, owner);
      if (recovered) logger.warn({ recovered }, 'deliveries a stopped sender left half-done are queued again (they may be sent twice)');
      next = claimNext();
      while (next) {
        const { claimed, tokens } = await next;
        next = undefined;
        if (!claimed.length) break;
        const rows = claimed.filter((c) => c.state === 'sending');
        counts.skipped += claimed.length - rows.length;
        if (!signal?.aborted && !stopped) next = claimNext();
        for (let i = 0; i < rows.length; i++) {
          while (sending.size >= inFlight) await Promise.race(sending);
          while (recording.size >= maxUnrecorded) await Promise.race(recording);
          if (signal?.aborted || stopped) {
            await releaseClaims(db, rows.slice(i).map((c) => c.id));
            break;
          }
          const job: Promise<void> = sendOne(rows[i]!, tokens[rows[i]!.token]!.token)
            .catch((error: unknown) => {
              broken ??= { error };
              stopped = true;
            })
            .finally(() => sending.delete(job));
          sending.add(job);
        }
      }
    } finally {
      // A batch claimed ahead but not begun goes back to the queue.
      const ahead = await next?.catch(() => undefined);
      if (ahead) await releaseClaims(db, ahead.claimed.filter((c) => c.state === 'sending').map((c) => c.id));
      await Promise.allSettled(sending);
      await Promise.allSettled(recording);
    }
    if (broken) throw broken.error;
    return counts;
  });
}

async function loadEdition(database: Database, id: number): Promise<EditionRow> {
  const [row] = await database.db.select().from(editions).where(eq(editions.id, id));
  if (!row) throw new Error(`edition ${id} vanished while its deliveries were being sent`);
  return row;
}
