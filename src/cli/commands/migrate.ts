import { openConfiguredDatabase } from '../../db/configured.js';
import { migrate as applyMigrations } from '../../db/migrate.js';
import type { CommandContext } from '../command.js';

export async function migrate({ config, out }: CommandContext): Promise<number> {
  const { database, release } = await openConfiguredDatabase(config);
  try {
    const { applied } = await applyMigrations(database.db);
    out(applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date');
    return 0;
  } finally {
    await release();
  }
}
