import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.js';
import { editionGeneration } from '../daily/edition-events.js';

/** How stale another process's write may look here: the stamp is re-read at most this often. */
export const stampMaxAgeMs = 1000;

let contentGeneration = 0;

let newsGeneration = 0;

/** This process changed content (a mutation ran): cached responses built from it are stale. */
export function contentChanged(): void {
  contentGeneration++;
}

/** This process stored news (an ingest pass that brought stories): what shows news is stale here at once, not at the next read of the stamp. */
export function newsChanged(): void {
  newsGeneration++;
}

/**
 * A number that grows whenever editions or content may have changed: at once for changes made in
 * this process, within 2 × `stampMaxAgeMs` for changes made by others on the same database. Cached
 * bytes remember the version they were built at and are used only while it is current.
 */
export class DataVersion {
  private stamp: string | undefined;
  private contentStamp: string | undefined;
  private remoteGeneration = 0;
  private remoteContentGeneration = 0;
  private checkedAt = -Infinity;
  private reading: Promise<number> | undefined;

  constructor(private readonly database: Database) {}

  /**
   * The version, without waiting while the stamp was read within the last 2 × `stampMaxAgeMs`:
   * past `stampMaxAgeMs` it is re-read in the background, so under steady traffic no request waits
   * for the stamp (each one that did took the slow path: issue 7). Older than that, or never read,
   * the caller waits for the database.
   */
  current(now = performance.now()): number | Promise<number> {
    const age = now - this.checkedAt;
    if (age < stampMaxAgeMs) return this.local();
    if (!this.reading) {
      this.reading = this.refresh().finally(() => (this.reading = undefined));
      // A failed read is retried by the next request; only callers that wait see its error.
      this.reading.catch(() => {});
    }
    return age < 2 * stampMaxAgeMs ? this.local() : this.reading;
  }

  /**
   * The part of the version that moves only when concepts may have changed (not on news or
   * editions): a card's own content, read with the version `current()` just gave, is still good
   * while this stands. Read it after `current()`: it is only as fresh as that.
   */
  content(): number {
    return contentGeneration + this.remoteContentGeneration;
  }

  private local(): number {
    return editionGeneration() + contentGeneration + newsGeneration + this.remoteGeneration;
  }

  private async refresh(): Promise<number> {
    const [row] = await queryRows<{ stamp: string; content: string }>(this.database.db, stampQuery);
    if (row!.stamp !== this.stamp) {
      this.stamp = row!.stamp;
      this.remoteGeneration++;
    }
    if (row!.content !== this.contentStamp) {
      this.contentStamp = row!.content;
      this.remoteContentGeneration++;
    }
    this.checkedAt = performance.now();
    return this.local();
  }
}

/**
 * One cheap statement: editions (a row a day), content (concepts, thousands, each with the hash of
 * its seed card, which holds its explanations, tags and relations; and the tags' names, tens) and
 * the latest ingest run (indexed); the content's part again on its own, for what shows content only.
 */
const stampQuery = sql`with content as (select concat_ws('/',
    (select count(*) || ':' || coalesce(sum(hashtext(content_hash)), 0) from concepts),
    (select count(*) || ':' || coalesce(sum(hashtext(name || description)), 0) from tags)) as stamp)
  select concat_ws('/',
    (select max(published_at)::text || ':' || count(*) from editions),
    (select stamp from content),
    (select id || ':' || status from ingest_runs order by started_at desc limit 1)) as stamp,
  (select stamp from content) as content`;

const versions = new WeakMap<Database, DataVersion>();

/** One watcher per database handle, shared by every cache of this process. */
export function dataVersion(database: Database): DataVersion {
  let version = versions.get(database);
  if (!version) versions.set(database, (version = new DataVersion(database)));
  return version;
}
