import { eq, sql } from 'drizzle-orm';
import type { EditionRow } from '../../daily/build.js';
import type { Database } from '../../db/client.js';
import { editions } from '../../db/schema/index.js';
import type { Logger } from '../../shared/logger.js';
import { mailDeliveries } from '../../shared/metrics.js';
import { addressHash } from '../address.js';
import type { Mailer } from '../mailer.js';
import { issueToken } from '../tokens.js';
import { defaultRetryPolicy, retryAt, type RetryPolicy } from './backoff.js';
import { classifyFailure } from './classify.js';
import { buildDailyTemplate, type DailyTemplate } from './daily-message.js';
import { claimDeliveries, dueCount, editionStateCounts, enqueueEdition, expireStale, notYetQueued, releaseClaims, type Claimed } from './deliveries.queries.js';
import { OutcomeWriter } from './outcomes.js';
import { senderKey, whileAlive } from './owner-lock.js';

export interface DeliveryDeps {
  database: Database;
  mailer: Mailer;
  logger: Logger;
  now?: () => Date;
  retry?: RetryPolicy;
  /** Rows claimed per statement. */
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
  const batchSize = deps.batchSize ?? 100;
  const inFlight = deps.inFlight ?? 20;
  const counts: RunCounts = { sent: 0, failed: 0, retrying: 0, skipped: 0 };

  return whileAlive(database, async () => {
    const owner = senderKey(database);
    const writer = new OutcomeWriter(db, now);
    const templates = new Map<number, Promise<DailyTemplate>>();
    const running = new Set<Promise<void>>();
    let connectionFailures = 0;
    let stopped = false;
    /** A send whose outcome could not be recorded (the database is away): the run ends with it. */
    let broken: { error: unknown } | undefined;

    const templateFor = (id: number) => {
      let template = templates.get(id);
      if (!template) templates.set(id, (template = loadEdition(database, id).then((e) => buildDailyTemplate(e, mailer))));
      return template;
    };

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
        if (at) {
          await writer.record({ kind: 'retry', id: row.id, subscriberId: row.subscriberId, at, code: failure.code, error: failure.message });
          counts.retrying++;
          mailDeliveries.inc({ outcome: 'retry' });
          logger.info({ ...log, retryAt: at }, 'delivery failed for now; it will be retried');
        } else {
          const bounce = failure.kind === 'bounce';
          await writer.record({ kind: 'failed', id: row.id, subscriberId: row.subscriberId, code: failure.code, error: failure.message, bounce });
          counts.failed++;
          mailDeliveries.inc({ outcome: 'failed' });
          logger.warn(log, bounce ? 'delivery refused for good (counts as a bounce)' : 'delivery failed: retries used up');
        }
        return;
      }
      connectionFailures = 0;
      await writer.record({ kind: 'sent', id: row.id, subscriberId: row.subscriberId });
      counts.sent++;
      mailDeliveries.inc({ outcome: 'sent' });
    };

    try {
      while (!signal?.aborted && !stopped) {
        const claimed = await claimDeliveries(database, owner, batchSize, now(), editionId);
        if (!claimed.length) break;
        const sending = claimed.filter((c) => c.state === 'sending');
        counts.skipped += claimed.length - sending.length;
        const tokens = await issueUnsubscribeTokens(database, sending);
        for (let i = 0; i < sending.length; i++) {
          while (running.size >= inFlight) await Promise.race(running);
          if (signal?.aborted || stopped) {
            await releaseClaims(db, sending.slice(i).map((c) => c.id));
            break;
          }
          const row = sending[i]!;
          const job: Promise<void> = sendOne(row, tokens[i]!)
            .catch((error: unknown) => {
              broken ??= { error };
              stopped = true;
            })
            .finally(() => running.delete(job));
          running.add(job);
        }
      }
    } finally {
      await Promise.allSettled(running);
    }
    if (broken) throw broken.error;
    return counts;
  });
}

/** One unsubscribe token per message, stored (hashed) before the message leaves. */
async function issueUnsubscribeTokens(database: Database, rows: Claimed[]): Promise<string[]> {
  if (!rows.length) return [];
  const issued = rows.map(() => issueToken());
  const values = rows.map((r, i) => ({ hash: issued[i]!.hash, subscriber_id: r.subscriberId }));
  await database.db.execute(
    sql`insert into mail_tokens (hash, subscriber_id, purpose)
        select v.hash, v.subscriber_id, 'unsubscribe' from json_to_recordset(${JSON.stringify(values)}::json) as v(hash text, subscriber_id int)`,
  );
  return issued.map((t) => t.token);
}

async function loadEdition(database: Database, id: number): Promise<EditionRow> {
  const [row] = await database.db.select().from(editions).where(eq(editions.id, id));
  if (!row) throw new Error(`edition ${id} vanished while its deliveries were being sent`);
  return row;
}
