import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { backend, createTestDatabase } from './database.js';

interface Preparation {
  /** The library from seeds/ too, as `serve` leaves an empty database. */
  seeded?: boolean;
  /** Rows the test needs before its first command, written while the database is open anyway. */
  fill?: (database: Database) => Promise<unknown>;
}

/**
 * A new PGlite DATA_DIR holding the suite's migrated (or seeded) template, so the `mlbrief`
 * processes a test starts do not each pay for migrations or seeding on an empty directory.
 * The template is a tarball of a data directory: unpacked by tar it needs no database start here.
 */
export async function preparedDataDir(prefix: string, { seeded, fill }: Preparation = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  // Its entries are named from the data directory's root ("/PG_VERSION"); tar unpacks them under -C.
  await promisify(execFile)('tar', ['-xzf', inject(seeded ? 'pgliteSeededTemplate' : 'pgliteTemplate'), '-C', dir]);
  if (fill) {
    const database = await openDatabase({ dataDir: dir });
    try {
      await fill(database);
    } finally {
      await database.close();
    }
  }
  return dir;
}

/** A database of the suite's backend for `mlbrief` processes, and the environment that points them at it. */
export interface CommandDatabase {
  /** DATA_DIR: the PGlite database on the embedded pass; on both, where the outbox goes. */
  dataDir: string;
  env: Record<string, string>;
  /** Opens the database in the test while no command runs (PGlite serves one process at a time). */
  withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

export async function commandDatabase(prefix: string, preparation: Preparation = {}): Promise<CommandDatabase> {
  if (backend === 'pglite') {
    const dataDir = await preparedDataDir(prefix, preparation);
    return {
      dataDir,
      env: { DATA_DIR: dataDir },
      async withDatabase(work) {
        const database = await openDatabase({ dataDir });
        try {
          return await work(database);
        } finally {
          await database.close();
        }
      },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const server = await createTestDatabase({ seeded: preparation.seeded });
  await preparation.fill?.(server);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return {
    dataDir,
    env: { DATABASE_URL: server.url!, DATA_DIR: dataDir },
    withDatabase: (work) => work(server),
    dispose: async () => {
      await server.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
