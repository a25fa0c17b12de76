import { openConfiguredDatabase } from '../../db/configured.js';
import { explainEdition, publishEdition } from '../../daily/build.js';
import { explainedCluster, explainLines } from '../../daily/explain.js';
import { migrate } from '../../db/migrate.js';
import { dateIn, isIsoDate } from '../../shared/dates.js';
import type { CommandContext } from '../command.js';
import { UsageError } from '../usage.js';

/** Builds (or with --force rebuilds) the edition for a date and prints it; --explain prints every candidate too. */
export async function edition({ config, flags, options, out }: CommandContext): Promise<number> {
  const date = options.date ?? dateIn(config.EDITION_TIMEZONE, new Date());
  if (!isIsoDate(date)) throw new UsageError(`--date must be a calendar date, YYYY-MM-DD, got "${date}"`);
  if (date > dateIn(config.EDITION_TIMEZONE, new Date())) throw new UsageError(`--date ${date} is in the future`);
  const { database, release } = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const row = await publishEdition({ database, timeZone: config.EDITION_TIMEZONE }, date, { force: options.force ?? false });
    // The explanation is worked out from the stories stored now; a frozen edition may predate some.
    const explained = options.explain ? (await explainEdition(database.db, date, config.EDITION_TIMEZONE, new Date())).plan : undefined;
    if (flags.json) {
      out(JSON.stringify(explained ? { edition: row.content, candidates: explained.ranked.map(explainedCluster) } : row.content));
      return 0;
    }
    const c = row.content;
    out(`mlbrief daily — ${row.date} (published ${row.publishedAt.toISOString()})`);
    out('');
    out('Concepts');
    c.concepts.forEach((k, i) => out(`  ${i + 1}. ${k.name}: ${k.title}`));
    out('');
    out(c.stories.length ? 'Top stories' : 'Top stories: none in the window (no news ingested yet?)');
    for (const s of c.stories) {
      out(`  ${s.rank}. ${s.title} — ${s.sourceName}${s.coverage > 1 ? ` (+${s.coverage - 1} more publishers)` : ''}`);
      if (s.url) out(`     ${s.url}`);
      out(`     ${s.reasons.join('; ')}`);
    }
    if (explained) {
      out('');
      for (const line of explainLines(date, explained)) out(line);
    }
    return 0;
  } finally {
    await release();
  }
}
