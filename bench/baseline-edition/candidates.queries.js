import { sql } from 'drizzle-orm';
import { queryRows } from '../../dist/db/client.js';
/** Stories that count in [start, end), with their source and linked concept names: one statement. */
export async function candidateStories(db, start, end) {
    const rows = await queryRows(db, sql `select s.id, s.source_id, src.name as source_name, src.weight as source_weight, s.title, s.url, s.summary,
          s.effective_at,
          (select array_agg(c.name order by c.name) from story_concepts sc join concepts c on c.id = sc.concept_id
            where sc.story_id = s.id and c.status = 'published') as concept_names
        from stories s join sources src on src.id = s.source_id
        where s.effective_at >= ${start.toISOString()}::timestamptz and s.effective_at < ${end.toISOString()}::timestamptz
        order by s.id`);
    return rows.map((r) => ({
        id: Number(r.id),
        sourceId: Number(r.source_id),
        sourceName: r.source_name,
        sourceWeight: Number(r.source_weight),
        title: r.title,
        url: r.url,
        summary: r.summary,
        effectiveAt: new Date(r.effective_at),
        conceptNames: r.concept_names ?? [],
    }));
}
//# sourceMappingURL=candidates.queries.js.map