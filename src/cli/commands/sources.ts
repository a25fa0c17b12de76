import { openConfiguredDatabase } from '../../app.js';
import { migrate } from '../../db/migrate.js';
import { addSource, checkFeedUrl, checkWeight, listSources, removeSource } from '../../news/sources.queries.js';
import { AppError } from '../../shared/errors.js';
import type { CommandContext } from '../command.js';
import { UsageError } from '../usage.js';

/** `sources add URL [--name N] [--weight W]`, `sources list [--json]`, `sources remove URL`. */
export async function sources({ config, flags, positionals, options, out }: CommandContext): Promise<number> {
  const [action, url, ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  // Check every argument before opening the database: bad input writes nothing.
  if (action === 'add' || action === 'remove') {
    if (!url) throw new UsageError(`sources ${action} needs a feed URL`);
    guard(() => checkFeedUrl(url));
  } else if (action !== 'list') {
    throw new UsageError('usage: mlbrief sources add URL [--name N] [--weight W] | list [--json] | remove URL');
  }
  const weight = options.weight === undefined ? undefined : Number(options.weight);
  if (weight !== undefined) guard(() => checkWeight(weight));

  const { database, release } = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    if (action === 'add') {
      const source = await addSource(database.db, { url: url!, name: options.name, weight });
      out(`added ${source.url} (${source.name}, weight ${source.weight})`);
    } else if (action === 'remove') {
      const { removed, keptStories } = await removeSource(database.db, { url: url! });
      if (!removed) {
        process.stderr.write(`mlbrief: no source with URL ${url}\n`);
        return 1;
      }
      out(keptStories ? `removed ${url} (${keptStories} of its stories stay, shown in published editions)` : `removed ${url}`);
    } else {
      const rows = await listSources(database.db);
      if (flags.json) out(JSON.stringify(rows));
      else for (const s of rows) out(`${s.url}  ${s.name}  weight ${s.weight}  ${s.enabled ? '' : 'disabled  '}${s.lastStatus ?? 'never fetched'}${s.lastError ? `: ${s.lastError}` : ''}`);
    }
    return 0;
  } finally {
    await release();
  }
}

function guard(check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (error instanceof AppError) throw new UsageError(error.message);
    throw error;
  }
}
