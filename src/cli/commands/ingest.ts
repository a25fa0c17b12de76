import { openConfiguredDatabase } from '../../db/configured.js';
import { migrate } from '../../db/migrate.js';
import { fetchOptions } from '../../news/fetch-options.js';
import { runIngest, type SourceOutcome } from '../../news/ingest.js';
import type { CommandContext } from '../command.js';

/**
 * One fetch pass now, a line per source as it finishes. Exits 0 when the pass ran, even if some
 * feeds failed (their errors are recorded on the feeds); 1 when it could not run.
 */
export async function ingest({ config, logger, flags, out }: CommandContext): Promise<number> {
  const { database, release } = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const run = await runIngest(
      { database, logger, fetch: fetchOptions(config) },
      { trigger: 'cli', onSource: (o) => out(flags.json ? JSON.stringify(o) : line(o)) },
    );
    if (!run) {
      process.stderr.write('mlbrief: another ingest is running; try again when it has finished\n');
      return 1;
    }
    const summary = { run: run.id, sources: run.sources.length, failed: run.sourcesFailed, itemsNew: run.itemsNew };
    out(flags.json ? JSON.stringify({ summary }) : `${summary.sources} sources, ${summary.failed} failed, ${summary.itemsNew} new stories`);
    return 0;
  } finally {
    await release();
  }
}

function line(o: SourceOutcome): string {
  const what =
    o.status === 'error' ? `error  ${o.error}` : o.status === 'not_modified' ? 'not modified' : `ok     ${o.itemsNew} new of ${o.itemsSeen}`;
  return `${o.url}  ${what}  (${o.durationMs} ms)`;
}
