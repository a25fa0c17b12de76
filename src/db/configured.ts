import type { Config } from '../config/env.js';
import { openDatabase, type Database } from './client.js';
import { lockDataDir } from './data-dir-lock.js';

/**
 * Opens the configured database (PGlite under DATA_DIR, locked to this process, unless
 * DATABASE_URL is set). Its own file, not app.ts: a CLI command that only needs the database
 * does not load the HTTP server, Apollo and the pages with it.
 */
export async function openConfiguredDatabase(config: Config): Promise<{ database: Database; release: () => Promise<void> }> {
  const unlock = config.DATABASE_URL ? async () => {} : await lockDataDir(config.DATA_DIR);
  try {
    const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
    return {
      database,
      release: async () => {
        await database.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}
