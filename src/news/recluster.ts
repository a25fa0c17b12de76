import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { candidateStories } from '../daily/candidates.queries.js';
import { clusterStories } from '../daily/cluster/index.js';

const windowMs = 72 * 3_600_000;

/**
 * Re-clusters the recent stories after an ingest pass and stores each story's cluster (the
 * representative's id), so `Story.coverage` and `alsoCoveredBy` are one indexed lookup.
 */
export async function reclusterRecent(db: Db, now: Date): Promise<number> {
  const clusters = clusterStories(await candidateStories(db, new Date(now.getTime() - windowMs), new Date(now.getTime() + 60_000)));
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
