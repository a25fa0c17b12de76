import { openConfiguredDatabase } from '../../db/configured.js';
import { migrate } from '../../db/migrate.js';
import { kindOf } from '../../news/kind.js';
import { publisherOf } from '../../news/publisher.js';
import { addSource, checkFeedUrl, checkKind, checkPublisher, checkWeight, listSources, removeSource } from '../../news/sources.queries.js';
import { AppError } from '../../shared/errors.js';
import type { CommandContext } from '../command.js';
import { UsageError } from '../usage.js';

/** `sources add URL [--name N] [--weight W] [--publisher P] [--kind K]`, `sources list [--json]`, `sources remove URL`. */
export async function sources({ config, flags, positionals, options, out }: CommandContext): Promise<number> {
  const [action, url, ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  // Check every argument before opening the database: bad input writes nothing.
  if (action === 'add' || action === 'remove') {
    if (!url) throw new UsageError(`sources ${action} needs a feed URL`);
    guard(() => checkFeedUrl(url));
  } else if (action !== 'list') {
    throw new UsageError('usage: mlbrief sources add URL [--name N] [--weight W] [--publisher P] [--kind feed|aggregator] | list [--json] | remove URL');
  }
  const weight = options.weight === undefined ? undefined : Number(options.weight);
  if (weight !== undefined) guard(() => checkWeight(weight));
  if (options.publisher !== undefined) guard(() => checkPublisher(options.publisher!));
  const kind = options.kind === undefined ? undefined : guard(() => checkKind(options.kind!));

  const { database, release } = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    if (action === 'add') {
      const source = await addSource(database.db, { url: url!, name: options.name, weight, publisher: options.publisher, kind });
      out(`added ${source.url} (${source.name}, publisher ${publisherOf(source)}, ${kindOf(source)}, weight ${source.weight})`);
    } else if (action === 'remove') {
      const { removed, keptStories } = await removeSource(database.db, { url: url! });
      if (!removed) {
        process.stderr.write(`mlbrief: no source with URL ${url}\n`);
        return 1;
      }
      out(keptStories ? `removed ${url} (${keptStories} of its stories stay, shown in published editions)` : `removed ${url}`);
    } else {
      const rows = await listSources(database.db);
      // publisher and kind as they count, beside the override columns they come from.
      const listed = rows.map((s) => ({ ...s, publisherOverride: s.publisher, kindOverride: s.kind, publisher: publisherOf(s), kind: kindOf(s) }));
      if (flags.json) out(JSON.stringify(listed));
      else
        for (const s of listed) {
          const health = `${s.enabled ? '' : 'disabled  '}${s.lastStatus ?? 'never fetched'}${s.lastError ? `: ${s.lastError}` : ''}`;
          out(`${s.url}  ${s.name}  publisher ${s.publisher}  ${s.kind}  weight ${s.weight}  ${health}`);
        }
    }
    return 0;
  } finally {
    await release();
  }
}

function guard<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof AppError) throw new UsageError(error.message);
    throw error;
  }
}
