import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { clusterStories } from '../daily/cluster/index.js';
import type { CandidateStory } from '../daily/types.js';

const windowMs = 72 * 3_600_000;

/** id, source id, source name, source weight, title, url, effective_at as the driver's text. */
type Row = [number, number, string, number, string, string | null, string];

/**
 * The stories of [start, end) with what clustering reads. Unlike the edition's candidates it
 * leaves out summaries and linked concepts, which clustering never looks at and which cost a
 * subquery per story; and it comes back as one JSON value, which the embedded database hands over
 * several times faster than as many rows.
 */
async function storiesToCluster(db: Db, start: Date, end: Date): Promise<CandidateStory[]> {
  const [result] = await queryRows<{ stories: Row[] | string | null }>(
    db,
    sql`select json_agg(json_build_array(s.id, s.source_id, src.name, src.weight, s.title, s.url, s.effective_at::text) order by s.id) as stories
        from stories s join sources src on src.id = s.source_id
        where s.effective_at >= ${start.toISOString()}::timestamptz and s.effective_at < ${end.toISOString()}::timestamptz`,
  );
  const rows = typeof result?.stories === 'string' ? (JSON.parse(result.stories) as Row[]) : (result?.stories ?? []);
  return rows.map(([id, sourceId, sourceName, sourceWeight, title, url, effectiveAt]) => ({
    id,
    sourceId,
    sourceName,
    sourceWeight,
    title,
    url,
    summary: '',
    // The text the drivers would have turned into a Date the same way.
    effectiveAt: new Date(effectiveAt),
    conceptNames: [],
  }));
}

/**
 * Re-clusters the recent stories after an ingest pass and stores each story's cluster (the
 * representative's id), so `Story.coverage` and `alsoCoveredBy` are one indexed lookup.
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
