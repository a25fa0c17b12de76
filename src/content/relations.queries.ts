import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { conceptRelations, concepts, conceptTags, explanations, tags } from '../db/schema/index.js';
import type { ConceptRow } from './concepts.queries.js';

/** Batched lookups for the relations of many concepts at once: one statement per relation. */

export type TagRow = typeof tags.$inferSelect;
export type ExplanationRow = typeof explanations.$inferSelect;
export type RelationKind = (typeof conceptRelations.$inferSelect)['kind'];

export async function tagsOfConcepts(db: Db, conceptIds: readonly number[]) {
  return db
    .select({ conceptId: conceptTags.conceptId, tag: tags })
    .from(conceptTags)
    .innerJoin(tags, eq(tags.id, conceptTags.tagId))
    .where(inArray(conceptTags.conceptId, [...conceptIds]))
    .orderBy(asc(conceptTags.conceptId), asc(conceptTags.position));
}

export async function explanationsOfConcepts(db: Db, conceptIds: readonly number[]): Promise<ExplanationRow[]> {
  return db
    .select()
    .from(explanations)
    .where(inArray(explanations.conceptId, [...conceptIds]))
    .orderBy(asc(explanations.conceptId), asc(explanations.position));
}

const target = alias(concepts, 'target');
const { search: _search, diagramSvg: _diagram, ...targetColumns } = getTableColumns(target);

export async function relatedOfConcepts(
  db: Db,
  conceptIds: readonly number[],
  kind: RelationKind,
): Promise<{ conceptId: number; concept: ConceptRow }[]> {
  const rows = await db
    .select({ conceptId: conceptRelations.conceptId, concept: targetColumns })
    .from(conceptRelations)
    .innerJoin(target, eq(target.id, conceptRelations.relatedId))
    .where(
      and(
        inArray(conceptRelations.conceptId, [...conceptIds]),
        eq(conceptRelations.kind, kind),
        eq(target.status, 'published'),
      ),
    )
    .orderBy(asc(conceptRelations.conceptId), asc(conceptRelations.position));
  return rows as { conceptId: number; concept: ConceptRow }[];
}

export async function explanationsByIds(db: Db, ids: readonly number[]): Promise<ExplanationRow[]> {
  return db.select().from(explanations).where(inArray(explanations.id, [...ids]));
}
