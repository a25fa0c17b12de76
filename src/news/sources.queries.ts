import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { sources } from '../db/schema/index.js';
import { AppError, badInput } from '../shared/errors.js';
import type { SourceKind } from './kind.js';

export type SourceRow = typeof sources.$inferSelect;

export interface SourceInput {
  url: string;
  name?: string | undefined;
  weight?: number | undefined;
  /** Overrides the inferred publisher. */
  publisher?: string | undefined;
  /** Overrides the detected kind. */
  kind?: SourceKind | undefined;
}

export function checkFeedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badInput(`"${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badInput('a feed URL must be http or https');
  return parsed.toString();
}

export function checkWeight(weight: number): number {
  if (!Number.isFinite(weight) || weight < 0 || weight > 10) throw badInput('weight must be between 0 and 10');
  return weight;
}

/** A publisher name as given, trimmed; 1–100 characters. */
export function checkPublisher(publisher: string): string {
  const name = publisher.trim();
  if (name.length === 0 || name.length > 100) throw badInput('publisher must be 1 to 100 characters');
  return name;
}

export function checkKind(kind: string): SourceKind {
  if (kind !== 'feed' && kind !== 'aggregator') throw badInput('kind must be feed or aggregator');
  return kind;
}

/** The sources in use; removed ones are kept only for the editions that show their stories. */
export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.select().from(sources).where(isNull(sources.removedAt)).orderBy(asc(sources.id));
}

export async function sourcesByIds(db: Db, ids: readonly number[]): Promise<SourceRow[]> {
  return db.select().from(sources).where(inArray(sources.id, [...ids]));
}

/** Enabled sources whose backoff, if any, has passed. */
export async function dueSources(db: Db, now: Date): Promise<SourceRow[]> {
  return db
    .select()
    .from(sources)
    .where(and(eq(sources.enabled, true), or(isNull(sources.nextAttemptAt), lte(sources.nextAttemptAt, now))))
    .orderBy(asc(sources.id));
}

/**
 * The UNIQUE url constraint decides whether it already exists, not a check before the insert. A
 * removed source with the same URL comes back (its kept stories with it), as a new one would.
 */
export async function addSource(db: Db, input: SourceInput): Promise<SourceRow> {
  const url = checkFeedUrl(input.url);
  const values = {
    url,
    name: input.name?.trim() || new URL(url).hostname,
    weight: checkWeight(input.weight ?? 1),
    publisher: input.publisher === undefined ? null : checkPublisher(input.publisher),
    kind: input.kind === undefined ? null : checkKind(input.kind),
  };
  const [row] = await db
    .insert(sources)
    .values(values)
    .onConflictDoUpdate({
      target: sources.url,
      set: { name: values.name, weight: values.weight, publisher: values.publisher, kind: values.kind, enabled: true, removedAt: null, errorCount: 0, nextAttemptAt: null },
      setWhere: sql`${sources.removedAt} is not null`,
    })
    .returning();
  if (!row) throw new AppError('BAD_USER_INPUT', `a source with URL ${url} already exists`);
  return row;
}

export async function updateSource(
  db: Db,
  id: number,
  changes: { name?: string | null; weight?: number | null; enabled?: boolean | null; publisher?: string | null; kind?: SourceKind | null },
): Promise<SourceRow> {
  const set: Partial<SourceRow> = {};
  if (changes.name != null) {
    set.name = changes.name.trim();
    if (!set.name) throw badInput('name must not be empty');
  }
  if (changes.weight != null) set.weight = checkWeight(changes.weight);
  // An empty publisher goes back to the inferred one.
  if (changes.publisher != null) set.publisher = changes.publisher.trim() === '' ? null : checkPublisher(changes.publisher);
  if (changes.kind != null) set.kind = checkKind(changes.kind);
  if (changes.enabled != null) {
    set.enabled = changes.enabled;
    // Re-enabling a feed retries it on the next pass instead of waiting out an old backoff.
    if (changes.enabled) set.nextAttemptAt = null;
  }
  const live = and(eq(sources.id, id), isNull(sources.removedAt));
  const [row] = Object.keys(set).length
    ? await db.update(sources).set(set).where(live).returning()
    : await db.select().from(sources).where(live);
  if (!row) throw new AppError('NOT_FOUND', 'no such source');
  return row;
}

export interface Removal {
  removed: boolean;
  /** Stories kept because a published edition shows them. */
  keptStories: number;
}

/**
 * Removes a source. Its stories go with it, except those a published edition shows (the
 * edition_stories foreign key protects them): those stay, and so does the source's row, marked
 * removed and disabled, so every edition still reads as it was published. A source with no such
 * story is deleted outright. One transaction; removing an unknown or already removed source is
 * `removed: false`.
 */
export async function removeSource(db: Db, where: { id: number } | { url: string }): Promise<Removal> {
  const condition = 'id' in where ? eq(sources.id, where.id) : eq(sources.url, checkFeedUrl(where.url));
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [source] = await tx.select({ id: sources.id }).from(sources).where(and(condition, isNull(sources.removedAt))).for('update');
    if (!source) return { removed: false, keptStories: 0 };
    await tx.execute(sql`delete from stories s where s.source_id = ${source.id}
      and not exists (select 1 from edition_stories e where e.story_id = s.id)`);
    const [kept] = await queryRows<{ n: number }>(tx, sql`select count(*)::integer as n from stories where source_id = ${source.id}`);
    const keptStories = Number(kept?.n ?? 0);
    if (keptStories === 0) await tx.delete(sources).where(eq(sources.id, source.id));
    else {
      await tx
        .update(sources)
        .set({ removedAt: new Date(), enabled: false, nextAttemptAt: null, etag: null, lastModified: null })
        .where(eq(sources.id, source.id));
    }
    return { removed: true, keptStories };
  });
}
