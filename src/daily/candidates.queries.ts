import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { isSelfPost, kindOf, type SourceKind } from '../news/kind.js';
import { ARXIV_PUBLISHER, publisherOf, registrableDomain } from '../news/publisher.js';
import type { CandidateStory } from './types.js';

interface SourceRow {
  id: number;
  name: string;
  weight: number;
  url: string;
  site_url: string | null;
  publisher: string | null;
  kind: SourceKind | null;
  detected_kind: SourceKind;
  removed_at: Date | string | null;
}

interface Row {
  id: number;
  source_id: number;
  title: string;
  url: string | null;
  summary: string;
  effective_at: string | Date;
  first_seen_at: string | Date;
  points: number | null;
  comments: number | null;
  arxiv_announce: string | null;
  concept_names: string[] | null;
  late_for?: string | Date | null;
}

const dateText = (value: string | Date) => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/**
 * Stories matching `where` (never those of a removed source), with their linked concept names: one
 * statement; and their sources, a few rows read apart, whose publisher and kind are worked out
 * once each, not per story.
 */
async function candidates(db: Db, where: SQL, extra: SQL = sql``, join: SQL = sql``): Promise<CandidateStory[]> {
  const rows = await queryRows<Row>(
    db,
    sql`select s.id, s.source_id, s.title, s.url, s.summary, s.effective_at, s.first_seen_at, s.points, s.comments, s.arxiv_announce ${extra},
          (select array_agg(c.name order by c.name) from story_concepts sc join concepts c on c.id = sc.concept_id
            where sc.story_id = s.id and c.status = 'published') as concept_names
        from stories s ${join}
        where (${where})
          -- A removed source keeps only the stories published editions show; a rebuild leaves them out.
          and not exists (select 1 from sources rm where rm.id = s.source_id and rm.removed_at is not null)
        order by s.id`,
  );
  if (rows.length === 0) return [];
  const sources = new Map(
    (await queryRows<SourceRow>(db, sql`select id, name, weight, url, site_url, publisher, kind, detected_kind, removed_at from sources`)).map((r) => [
      Number(r.id),
      {
        ...r,
        publisher: publisherOf({ publisher: r.publisher, siteUrl: r.site_url, url: r.url }),
        aggregator: kindOf({ kind: r.kind, detectedKind: r.detected_kind }) === 'aggregator',
      },
    ]),
  );
  // The sites of the newsrooms followed: an aggregator's link to one of their articles counts for
  // them. Not an aggregator's own site, nor arXiv's: a paper linked from there was announced on
  // some earlier day (a paper of this window's feeds is joined by its URL already).
  const siteOwners = new Map<string, string>();
  for (const source of sources.values()) {
    const followed = !source.aggregator && !source.removed_at && source.publisher !== ARXIV_PUBLISHER;
    const domain = followed ? registrableDomain(source.site_url ?? source.url) : null;
    if (domain && !siteOwners.has(domain)) siteOwners.set(domain, source.publisher);
  }
  return rows.map((r) => {
    const sourceId = Number(r.source_id);
    const source = sources.get(sourceId)!;
    const linked = source.aggregator && r.url ? siteOwners.get(registrableDomain(r.url) ?? '') : undefined;
    return {
      id: Number(r.id),
      sourceId,
      sourceName: source.name,
      sourceWeight: Number(source.weight),
      publisher: source.publisher,
      aggregator: source.aggregator,
      selfPost: source.aggregator && isSelfPost(r.url, source.site_url, source.url),
      linkedPublisher: linked && linked !== source.publisher ? linked : null,
      title: r.title,
      url: r.url,
      summary: r.summary,
      effectiveAt: new Date(r.effective_at),
      firstSeenAt: new Date(r.first_seen_at),
      points: r.points === null ? null : Number(r.points),
      comments: r.comments === null ? null : Number(r.comments),
      arxivAnnounce: r.arxiv_announce,
      conceptNames: r.concept_names ?? [],
      lateFor: r.late_for ? dateText(r.late_for) : null,
      shownIn: null,
    };
  });
}

const instant = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** Stories that count in [start, end). */
export function windowCandidates(db: Db, start: Date, end: Date): Promise<CandidateStory[]> {
  return candidates(db, sql`s.effective_at >= ${instant(start)} and s.effective_at < ${instant(end)}`);
}

/**
 * Late arrivals for the edition of `date`: stories of [since, before) first seen after the
 * edition of their own window (the date after theirs in `timeZone`) was published, and so in none.
 */
export function lateCandidates(db: Db, date: string, since: Date, before: Date, timeZone: string): Promise<CandidateStory[]> {
  return candidates(
    db,
    sql`s.effective_at >= ${instant(since)} and s.effective_at < ${instant(before)} and s.first_seen_at > e.published_at and e.date < ${date}::date`,
    sql`, e.date as late_for`,
    sql`join editions e on e.date = (s.effective_at at time zone ${timeZone})::date + 1`,
  );
}

/**
 * The stories editions of [from, date) showed (each ranked story and those listed as also
 * covering it), with the newest such date: what a later edition must not show again.
 */
export async function shownBefore(db: Db, from: string, date: string): Promise<Map<number, string>> {
  const rows = await queryRows<{ story_id: number; date: string | Date }>(
    db,
    sql`select x.story_id, max(x.date) as date from (
          select (st->>'storyId')::bigint as story_id, e.date from editions e cross join jsonb_array_elements(e.content->'stories') st
            where e.date >= ${from}::date and e.date < ${date}::date
          union all
          select (a->>'storyId')::bigint, e.date from editions e cross join jsonb_array_elements(e.content->'stories') st
            cross join jsonb_array_elements(st->'alsoCoveredBy') a
            where e.date >= ${from}::date and e.date < ${date}::date
        ) x group by x.story_id`,
  );
  return new Map(rows.map((r) => [Number(r.story_id), dateText(r.date)]));
}

/** The stories with these ids. */
export function candidatesByIds(db: Db, ids: readonly number[]): Promise<CandidateStory[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return candidates(db, sql`s.id = any(${sql.raw(`ARRAY[${ids.map(Number).join(',')}]::bigint[]`)})`);
}
