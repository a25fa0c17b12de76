import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../../db/client.js';

/** The first key of the two-key advisory locks that say "this sender is alive" (second: its key). */
export const senderLockClass = 7412;

interface Owner {
  key: number;
  holders: number;
  /** Ends the holding transaction; set while held. */
  release?: () => Promise<void>;
  taking?: Promise<void>;
}

const owners = new WeakMap<Database, Owner>();

/**
 * The key this process writes into `deliveries.claimed_by`, and proof that it is alive. On
 * PostgreSQL a transaction holds the advisory lock (senderLockClass, key) while any delivery run of
 * this process is going: when the process dies its connection closes, the lock is gone, and other
 * senders may take over its unfinished rows at once (claim.ts). PGlite serves one process (the
 * DATA_DIR lock), so there any key but this process's own is a dead one and no lock is needed.
 */
export function senderKey(database: Database): number {
  return ownerOf(database).key;
}

/** Holds the liveness lock for the duration of `job` (shared by concurrent runs in this process). */
export async function whileAlive<T>(database: Database, job: () => Promise<T>): Promise<T> {
  const owner = ownerOf(database);
  // A new key for each stretch of sending: rows a failed earlier run of this process left behind
  // carry the old key, which nobody holds, so they are taken over like any dead sender's.
  if (owner.holders++ === 0 && !owner.release) owner.key = newKey();
  try {
    if (database.kind === 'postgres') {
      while (!owner.release) await (owner.taking ??= take(database.db, owner).finally(() => (owner.taking = undefined)));
    }
    return await job();
  } finally {
    if (--owner.holders === 0 && owner.release) {
      const release = owner.release;
      owner.release = undefined;
      await release();
    }
  }
}

function ownerOf(database: Database): Owner {
  let owner = owners.get(database);
  if (!owner) owners.set(database, (owner = { key: newKey(), holders: 0 }));
  return owner;
}

const newKey = () => randomInt(1, 2 ** 31 - 1);

/** Opens the transaction that holds the lock; a key some other live process holds is replaced. */
async function take(db: Db, owner: Owner): Promise<void> {
  for (;;) {
    let locked!: (ok: boolean) => void;
    const answered = new Promise<boolean>((resolve) => (locked = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const held = db
      .transaction(async (tx) => {
        const [row] = await queryRows<{ locked: boolean }>(tx as unknown as Db, sql`select pg_try_advisory_xact_lock(${senderLockClass}, ${owner.key}) as locked`);
        locked(row?.locked === true);
        if (row?.locked) await finished;
      })
      .catch((error: unknown) => {
        locked(false);
        throw error;
      });
    if (await answered) {
      owner.release = async () => {
        finish();
        await held.catch(() => {});
      };
      return;
    }
    await held;
    owner.key = newKey();
  }
}
