import { firstIngestAt, ingestCaughtUp } from '../news/ingest-runs.queries.js';
import { dateIn, startOfDay } from '../shared/dates.js';
import { notFound } from '../shared/errors.js';
import { buildEdition, checkEditionDate, editionByDate, publishEdition, type EditionDeps, type EditionRow } from './build.js';
import { latestEdition } from './editions.queries.js';

/** What a reader gets: a published (frozen) edition, or a preview that is not stored. */
export interface ReadEdition {
  edition: EditionRow;
  preview: boolean;
}

/**
 * Whether the news of `date`'s window (the 24 hours before its start) is in, so that freezing
 * its edition on a read loses nothing: an ingest pass that began after the window closed has
 * succeeded, or there are no enabled sources.
 */
export function newsIsIn(deps: EditionDeps, date: string): Promise<boolean> {
  return ingestCaughtUp(deps.database.db, startOfDay(date, deps.timeZone));
}

/** Publishes the edition for `date` once its news is in; undefined while news may still come. */
export async function publishWhenNewsIsIn(deps: EditionDeps, date: string): Promise<EditionRow | undefined> {
  const stored = await editionByDate(deps.database.db, date);
  if (stored) return stored;
  return (await newsIsIn(deps, date)) ? publishEdition(deps, date) : undefined;
}

/**
 * The edition for `date` as a reader gets it: the stored one; else, once its news is in, published
 * now; else a preview built exactly as publishing would build it but not stored, so a reader
 * never freezes an edition before its news arrives. A date before the day of this installation's
 * first ingest (today, before any) has no news to show: NOT_FOUND, not an invented edition.
 */
export async function editionForReading(deps: EditionDeps, date: string): Promise<ReadEdition> {
  const now = (deps.now ?? (() => new Date()))();
  checkEditionDate(date, deps.timeZone, now);
  const stored = await editionByDate(deps.database.db, date);
  if (stored) return { edition: stored, preview: false };
  const first = await firstIngestAt(deps.database.db);
  const firstDay = dateIn(deps.timeZone, first ?? now);
  if (date < firstDay) throw notFound(`no edition for ${date}: it is before this installation's first news (${firstDay})`);
  const published = await publishWhenNewsIsIn(deps, date);
  if (published) return { edition: published, preview: false };
  const draft = await buildEdition(deps.database.db, date, deps.timeZone, now);
  return { edition: { id: previewId(date), ...draft }, preview: true };
}

/** The newest published edition; before the first, today's as a reader gets it. */
export async function newestEditionForReading(deps: EditionDeps): Promise<ReadEdition> {
  const latest = await latestEdition(deps.database.db);
  if (latest) return { edition: latest, preview: false };
  return editionForReading(deps, dateIn(deps.timeZone, (deps.now ?? (() => new Date()))()));
}

/** Whether an edition is a preview: built on request, not stored (see editionForReading). */
export function isPreview(edition: { id: number }): boolean {
  return edition.id < 0;
}

/** Stored editions have positive ids; a preview gets a negative one, distinct per date (-YYYYMMDD). */
function previewId(date: string): number {
  return -Number(date.replaceAll('-', ''));
}

/** The date a preview's id stands for (see previewId); undefined for any other id. */
export function previewDate(id: number): string | undefined {
  const digits = String(-id);
  if (id >= 0 || !/^\d{8}$/.test(digits)) return undefined;
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`;
}
