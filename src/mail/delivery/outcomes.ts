import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.js';
import { idList } from './deliveries.queries.js';

/**
 * How long outcomes gather before they are written: the resend window after a crash grows by this.
 * 50 ms rather than 20: on PGlite every statement runs on the sending thread, and at ~1,000
 * messages a second 20 ms made one update per ~20 messages (`npm run bench -- mail`).
 */
const gatherMs = 50;

/** Permanent failures in a row after which an address is marked bouncing and gets no more mail. */
export const bounceLimit = 3;

export type Outcome =
  | { kind: 'sent'; id: number; subscriberId: number; bounceCount: number }
  | { kind: 'retry'; id: number; subscriberId: number; at: Date; code: number | undefined; error: string }
  | { kind: 'failed'; id: number; subscriberId: number; code: number | undefined; error: string; bounce: boolean };

interface Waiting {
  outcome: Outcome;
  done: (error?: unknown) => void;
}

/**
 * Records what happened to each message, as soon as it happened: outcomes that arrive while a write
 * is in flight go together in the next one (group commit), so the sent mark of a message follows
 * its SMTP reply by about one statement however many messages are in flight, and a worker that dies
 * leaves at most the messages between reply and record to be sent again.
 */
export class OutcomeWriter {
  private waiting: Waiting[] = [];
  private writing: Promise<void> | undefined;

  constructor(
    private readonly database: Database,
    private readonly now: () => Date,
  ) {}

  record(outcome: Outcome): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ outcome, done: (error) => (error === undefined ? resolve() : reject(error)) });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      // Answers arrive a few at a time; waiting a moment lets one statement record dozens.
      await new Promise((resolve) => setTimeout(resolve, gatherMs));
      const batch = this.waiting;
      this.waiting = [];
      try {
        await writeOutcomes(this.database, batch.map((w) => w.outcome), this.now());
        for (const w of batch) w.done();
      } catch (error) {
        for (const w of batch) w.done(error);
      }
    }
    this.writing = undefined;
  }
}

/**
 * One transaction: a failed delivery and the bounce it counts are recorded together or not at all.
 * On PostgreSQL it commits without waiting for the WAL flush (synchronous_commit off, for this
 * transaction only): a crash of the database server may forget the last fraction of a second of
 * outcomes, and those messages are sent again, which is the at-least-once guarantee anyway. Tokens
 * and claims commit durably: a sent link always works.
 */
export async function writeOutcomes(database: Database, outcomes: Outcome[], now: Date): Promise<void> {
  const sent = outcomes.filter((o) => o.kind === 'sent');
  const rest = outcomes.filter((o) => o.kind !== 'sent');
  const bounced = rest.filter((o) => o.kind === 'failed' && o.bounce).map((o) => o.subscriberId);
  // A delivered message ends a run of bounces: only permanent failures in a row mark an address.
  const recovered = sent.filter((o) => o.bounceCount > 0).map((o) => o.subscriberId);
  const at = now.toISOString();
  const write = async (tx: Db) => {
    if (sent.length) {
      await tx.execute(
        sql`update deliveries set state = 'sent', sent_at = ${at}::timestamptz, claimed_by = null, last_error = null, last_code = null
            where id = any(${idList(sent.map((o) => o.id))}::bigint[])`,
      );
    }
    if (recovered.length) await tx.execute(sql`update subscribers set bounce_count = 0 where id = any(${idList(recovered)}::int[])`);
    if (rest.length) {
      // No reply at all (the connection dropped): the server may have taken the message, so its
      // link must keep working after the next attempt replaces the row's token.
      const unknown = rest.filter((o) => o.code === undefined).map((o) => o.id);
      if (unknown.length) {
        await tx.execute(
          sql`insert into mail_tokens (hash, subscriber_id, purpose)
              select unsubscribe_hash, subscriber_id, 'unsubscribe' from deliveries
              where id = any(${idList(unknown)}::bigint[]) and unsubscribe_hash is not null
              on conflict (hash) do nothing`,
        );
      }
      const rows = rest.map((o) => ({
        id: o.id,
        state: o.kind === 'retry' ? 'pending' : 'failed',
        at: o.kind === 'retry' ? o.at.toISOString() : null,
        code: o.code ?? null,
        error: o.error,
      }));
      await tx.execute(
        sql`update deliveries d set state = v.state, claimed_by = null, next_attempt_at = coalesce(v.at, d.next_attempt_at),
              last_code = v.code, last_error = v.error
            from json_to_recordset(${JSON.stringify(rows)}::json) as v(id bigint, state text, at timestamptz, code int, error text)
            where d.id = v.id`,
      );
    }
    if (bounced.length) {
      await tx.execute(
        sql`update subscribers set bounce_count = bounce_count + 1,
              status = case when bounce_count + 1 >= ${bounceLimit} and status = 'confirmed' then 'bouncing' else status end
            where id = any(${idList(bounced)}::int[])`,
      );
    }
  };
  // PGlite runs in this thread: a batch of sent marks alone (the usual case) skips BEGIN and COMMIT.
  if (database.kind === 'pglite' && !rest.length && !recovered.length) return write(database.db);
  await database.db.transaction(async (tx) => {
    if (database.kind === 'postgres') await tx.execute(sql`set local synchronous_commit = off`);
    await write(tx as unknown as Db);
  });
}
