import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { clusterStories } from './cluster/index.js';
import type { ClusterItem } from './cluster/types.js';
import { isSelfPost, kindOf, type SourceKind } from './kind.js';
import { publisherOf } from './publisher.js';

const windowMs = 72 * 3_600_000;

/** id, source id, title, url, effective_at as the driver's text, summary. */
type Row = [number, number, string, string | null, string, string | null];
interface SourceRow {
  id: number;
  url: string;
  site_url: string | null;
  weight: number;
  publisher: string | null;
  kind: SourceKind | null;
  detected_kind: SourceKind;
}

/**
 * The stories of [start, end) with what clustering reads, summaries included (story.ts weighs
 * their words). Unlike the edition's candidates it leaves out linked concepts, which clustering
 * never looks at and which cost a subquery per story; and it comes back as one JSON value, which
 * the embedded database hands over several times faster than as many rows. Sources come apart: a
 * few rows, read once.
 */
async function storiesToCluster(db: Db, start: Date, end: Date): Promise<ClusterItem[]> {
  const [result] = await queryRows<{ stories: Row[] | string | null }>(
    db,
    sql`select json_agg(json_build_array(s.id, s.source_id, s.title, s.url, s.effective_at::text, s.summary) order by s.id) as stories
        from stories s
        where s.effective_at >= ${start.toISOString()}::timestamptz and s.effective_at < ${end.toISOString()}::timestamptz
          and s.arxiv_announce is distinct from 'replace' and s.arxiv_announce is distinct from 'replace-cross'`,
  );
  const rows = typeof result?.stories === 'string' ? (JSON.parse(result.stories) as Row[]) : (result?.stories ?? []);
  const sources = new Map(
    (await queryRows<SourceRow>(db, sql`select id, url, site_url, weight, publisher, kind, detected_kind from sources`)).map((s) => {
      const aggregator = kindOf({ kind: s.kind, detectedKind: s.detected_kind }) === 'aggregator';
      return [Number(s.id), { ...s, aggregator, publisher: publisherOf({ publisher: s.publisher, siteUrl: s.site_url, url: s.url }) }];
    }),
  );
  return rows.map(([id, sourceId, title, url, effectiveAt, summary]) => {
    const source = sources.get(sourceId)!;
    return {
      id,
      title,
      url,
      // The text the drivers would have turned into a Date the same way.
      effectiveAt: new Date(effectiveAt),
      publisher: source.publisher,
      aggregator: source.aggregator,
      selfPost: source.aggregator && isSelfPost(url, source.site_url, source.url),
      sourceWeight: Number(source.weight),
      summary: summary ?? '',
    };
  });
}

/**
 * Re-clusters the recent stories after an ingest pass and stores each story's cluster (the
 * representative's id), so `Story.coverage` and `alsoCoveredBy` are one indexed lookup. arXiv
 * replacements are left out, as from editions: a story of their own.
 */
export async function reclusterRecent(db: Db, now: Date): Promise<number> {
  const clusters = clusterStories(await storiesToCluster(db, new Date(now.getTime() - windowMs), new Date(now.getTime() + 60_000)));
  const ids: number[] = [];
  const clusterIds: number[] = [];
  for (const cluster of clusters) {
    for (const member of cluster.members) {
      ids.push(member.id);
      clusterIds.push(cluster.representative.id);
    }
  }
  if (ids.length === 0) return 0;
  await db.execute(sql`update stories s set cluster_id = v.cluster_id
    from unnest(${sql.raw(`ARRAY[${ids.join(',')}]::bigint[]`)}, ${sql.raw(`ARRAY[${clusterIds.join(',')}]::bigint[]`)}) as v(id, cluster_id)
    where s.id = v.id and s.cluster_id is distinct from v.cluster_id`);
  return clusters.length;
}
