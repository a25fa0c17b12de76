import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../../db/client.js';
import type { DeliveryState } from '../../db/schema/index.js';
import { senderLockClass } from './owner-lock.js';

/**
 * One pending row per confirmed subscriber for the edition. ON CONFLICT against UNIQUE(edition,
 * subscriber): any number of workers may enqueue the same edition, and a subscriber who confirmed
 * since is added by the next run. Returns how many rows were new.
 */
export async function enqueueEdition(db: Db, editionId: number, now: Date): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into deliveries (edition_id, subscriber_id, next_attempt_at)
        select ${editionId}, s.id, ${now.toISOString()}::timestamptz from subscribers s where s.status = 'confirmed'
        on conflict (edition_id, subscriber_id) do nothing
        returning id`,
  );
  return rows.length;
}

export interface Claimed {
  id: number;
  editionId: number;
  subscriberId: number;
  email: string;
  /** Permanent failures in a row so far: a delivered message resets a non-zero count. */
  bounceCount: number;
  /** Attempts including this one. */
  attempts: number;
  /** `skipped` when the subscriber left (unsubscribed, bouncing) after the row was queued. */
  state: 'sending' | 'skipped';
  /** Which of the claim's token hashes this row stored (when sending): its message carries that token. */
  token: number;
}

/**
 * Claims up to `limit` due deliveries for the sender `owner`: FOR UPDATE SKIP LOCKED, so concurrent
 * claimers (any number of processes) take disjoint rows without waiting for each other, and the
 * claimed rows leave `pending` in the same statement. Due rows are read in the order of the
 * partial index on pending rows, so a claim reads about `limit` rows however long the queue.
 * The same statement stores the hashes of the unsubscribe tokens the claimed messages will carry
 * (the row's `token` indexes `tokenHashes`), so every token is in the database before its message leaves.
 */
export async function claimDeliveries(database: Database, owner: number, tokenHashes: string[], now: Date, editionId?: number): Promise<Claimed[]> {
  const ofEdition = editionId === undefined ? sql`` : sql`and d.edition_id = ${editionId}`;
  const rows = await queryRows<Omit<Claimed, 'token'> & { n: number | string }>(
    database.db,
    sql`with picked as (
          select d.id, row_number() over (order by d.id) as n from (
            select d.id from deliveries d
            where d.state = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz ${ofEdition}
            order by d.next_attempt_at, d.id
            limit ${tokenHashes.length}
            for update of d skip locked
          ) d
        )
        update deliveries d set
          state = case when s.status = 'confirmed' then 'sending' else 'skipped' end,
          claimed_by = case when s.status = 'confirmed' then ${owner}::int end,
          attempts = d.attempts + case when s.status = 'confirmed' then 1 else 0 end,
          unsubscribe_hash = case when s.status = 'confirmed' then (${`{${tokenHashes.join(',')}}`}::text[])[picked.n] end
        from picked, subscribers s
        where d.id = picked.id and s.id = d.subscriber_id
        returning d.id, d.edition_id as "editionId", d.subscriber_id as "subscriberId", s.email, s.bounce_count as "bounceCount", d.attempts, d.state, picked.n`,
  );
  return rows.map(({ n, ...r }) => ({ ...r, id: Number(r.id), token: Number(n) - 1 })).sort((a, b) => a.token - b.token);
}

/**
 * Puts back in the queue the rows a dead sender left `sending` (its messages may or may not have
 * left: sending them again is the at-least-once half of the guarantee). On PostgreSQL a sender is
 * dead when its liveness lock can be taken (owner-lock.ts); on PGlite, the one process, every
 * owner but this one is dead. Locked rows are skipped: a live claimer holds them.
 */
export async function recoverOrphans(database: Database, owner: number): Promise<number> {
  const dead = database.kind === 'postgres' ? sql`pg_try_advisory_xact_lock(${senderLockClass}, d.claimed_by)` : sql`d.claimed_by <> ${owner}`;
  const rows = await queryRows<{ id: number }>(
    database.db,
    sql`with orphans as (
          select d.id from deliveries d where d.state = 'sending' and ${dead} for update of d skip locked
        ), kept as (
          insert into mail_tokens (hash, subscriber_id, purpose)
          select d.unsubscribe_hash, d.subscriber_id, 'unsubscribe' from deliveries d join orphans o on o.id = d.id
          where d.unsubscribe_hash is not null
        )
        update deliveries d set state = 'pending', claimed_by = null, unsubscribe_hash = null from orphans where d.id = orphans.id
        returning d.id`,
  );
  return rows.length;
}

/** Gives back claimed rows that were never handed to the transport (a run told to stop). */
export async function releaseClaims(db: Db, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await db.execute(
    sql`update deliveries set state = 'pending', claimed_by = null, attempts = attempts - 1, unsubscribe_hash = null
        where id = any(${idList(ids)}::bigint[]) and state = 'sending'`,
  );
}

/**
 * Deliveries still pending a day after they were queued are failed: a newer edition has replaced
 * them (a worker that was down for days does not send last week's briefs).
 */
export async function expireStale(db: Db, now: Date, maxAgeMs: number): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update deliveries set state = 'failed', last_error = 'not sent within a day of being queued; a newer edition replaces it'
        where state = 'pending' and created_at < ${new Date(now.getTime() - maxAgeMs).toISOString()}::timestamptz
        returning id`,
  );
  return rows.length;
}

export type StateCounts = Record<DeliveryState, number>;

export async function editionStateCounts(db: Db, editionId: number): Promise<StateCounts> {
  const rows = await queryRows<{ state: DeliveryState; n: number }>(
    db,
    sql`select state, count(*)::int as n from deliveries where edition_id = ${editionId} group by state`,
  );
  const counts: StateCounts = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}

/** Confirmed subscribers the edition has no row for yet: what enqueueing would add. */
export async function notYetQueued(db: Db, editionId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from subscribers s
        where s.status = 'confirmed' and not exists (select 1 from deliveries d where d.edition_id = ${editionId} and d.subscriber_id = s.id)`,
  );
  return Number(row?.n ?? 0);
}

/** Due now among the edition's pending rows (a dry run's "would send"). */
export async function dueCount(db: Db, editionId: number, now: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from deliveries d join subscribers s on s.id = d.subscriber_id
        where d.edition_id = ${editionId} and d.state = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz and s.status = 'confirmed'`,
  );
  return Number(row?.n ?? 0);
}

/** A PostgreSQL array literal of ids: one parameter, whatever the driver does with JS arrays. */
export const idList = (ids: readonly number[]) => `{${ids.map((id) => Math.trunc(id)).join(',')}}`;
