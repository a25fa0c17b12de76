import { openConfiguredDatabase } from '../../db/configured.js';
import { defaultSeedsDir, readSeedLibrary } from '../../content/seeds/read-seeds.js';
import { seedDatabase } from '../../content/seeds/seed-database.js';
import { migrate } from '../../db/migrate.js';
import type { CommandContext } from '../command.js';

/** Validates every file before opening the database, so a bad card writes nothing. */
export async function seed({ config, out }: CommandContext): Promise<number> {
  const library = await readSeedLibrary(defaultSeedsDir);
  const { database, release } = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const result = await seedDatabase(database.db, library);
    out(`seeded ${result.tags} tags, ${result.concepts} concepts (${result.changed} new or changed) and ${result.sources} sources`);
    return 0;
  } finally {
    await release();
  }
}
