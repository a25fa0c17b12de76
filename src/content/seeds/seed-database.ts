import { createHash } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { refreshStatistics } from '../../db/maintenance.js';
import type { Db } from '../../db/client.js';
import { lockKeys, waitForLock } from '../../db/locks.js';
import { conceptRelations, concepts, conceptTags, explanations, sources, tags } from '../../db/schema/index.js';
import { AppError } from '../../shared/errors.js';
import type { DiagramSeed } from './read-diagrams.js';
import type { SeedLibrary } from './read-seeds.js';
import type { ConceptSeed } from './seed.schema.js';

export interface SeedResult {
  tags: number;
  concepts: number;
  sources: number;
  /** Cards inserted or changed by this run; 0 on a second run over the same files. */
  changed: number;
}

/**
 * Upserts the whole library in one transaction, a statement per table rather than per row.
 * Unchanged cards (same content hash) are left alone, so seeding twice changes nothing.
 */
export async function seedDatabase(db: Db, library: SeedLibrary): Promise<SeedResult> {
  assertReferencesResolve(library);
  const result = await upsertLibrary(db, library);
  if (result.changed > 0) await refreshStatistics(db, contentTables);
  return result;
}

const contentTables = ['tags', 'concepts', 'concept_tags', 'concept_relations', 'explanations', 'sources'];

function upsertLibrary(db: Db, library: SeedLibrary): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    await waitForLock(tx, lockKeys.seed);
    await tx
      .insert(tags)
      .values(library.tags)
      .onConflictDoUpdate({
        target: tags.slug,
        set: { name: sql`excluded.name`, description: sql`excluded.description` },
        setWhere: sql`(${tags.name}, ${tags.description}) is distinct from (excluded.name, excluded.description)`,
      });
    if (library.sources.length > 0) {
      // Declared fields only: an operator's enabled flag and a feed's health stay as they are.
      await tx
        .insert(sources)
        .values(
          library.sources.map((s) => ({ url: s.url, name: s.name, siteUrl: s.siteUrl ?? null, weight: s.weight, publisher: s.publisher ?? null, kind: s.kind ?? null })),
        )
        .onConflictDoUpdate({
          target: sources.url,
          // A publisher or kind the file leaves out keeps what an operator set.
          set: {
            name: sql`excluded.name`,
            siteUrl: sql`excluded.site_url`,
            weight: sql`excluded.weight`,
            publisher: sql`coalesce(excluded.publisher, ${sources.publisher})`,
            kind: sql`coalesce(excluded.kind, ${sources.kind})`,
          },
          setWhere: sql`(${sources.name}, ${sources.siteUrl}, ${sources.weight}, ${sources.publisher}, ${sources.kind})
            is distinct from (excluded.name, excluded.site_url, excluded.weight, coalesce(excluded.publisher, ${sources.publisher}),
              coalesce(excluded.kind, ${sources.kind}))`,
        });
    }
    const counts = { tags: library.tags.length, concepts: library.concepts.length, sources: library.sources.length };
    if (library.concepts.length === 0) return { ...counts, changed: 0 };

    const diagrams = new Map((library.diagrams ?? []).map((d) => [d.slug, d]));
    const changed = await tx
      .insert(concepts)
      .values(library.concepts.map((card) => conceptRow(card, diagrams.get(card.slug))))
      .onConflictDoUpdate({
        target: concepts.slug,
        set: Object.fromEntries(
          updatableColumns.map((column) => [column, sql.raw(`excluded.${concepts[column].name}`)]),
        ),
        setWhere: sql`${concepts.contentHash} is distinct from excluded.content_hash`,
      })
      .returning({ id: concepts.id, slug: concepts.slug });
    if (changed.length > 0) await replaceChildRows(tx as unknown as Db, library, changed);
    return { ...counts, changed: changed.length };
  });
}

const updatableColumns = [
  'name',
  'title',
  'summary',
  'difficulty',
  'status',
  'formulaUnicode',
  'formulaLatex',
  'example',
  'imageUrl',
  'imageAlt',
  'imageCredit',
  'imageLicense',
  'imageSourceUrl',
  'aliases',
  'references',
  'quiz',
  'diagramSvg',
  'diagramAlt',
  'contentHash',
] as const;

function conceptRow(card: ConceptSeed, diagram: DiagramSeed | undefined) {
  return {
    slug: card.slug,
    name: card.name,
    title: card.title,
    summary: card.summary,
    difficulty: card.difficulty,
    status: card.status,
    formulaUnicode: card.formula?.unicode ?? null,
    formulaLatex: card.formula?.latex ?? null,
    example: card.example,
    imageUrl: card.image?.url ?? null,
    imageAlt: card.image?.alt ?? null,
    imageCredit: card.image?.credit ?? null,
    imageLicense: card.image?.license ?? null,
    imageSourceUrl: card.image?.sourceUrl ?? null,
    aliases: card.aliases,
    references: card.references,
    quiz: card.quiz,
    diagramSvg: diagram?.svg ?? null,
    diagramAlt: diagram?.alt ?? null,
    // The diagram is hashed with the card (and its absence too): hashes made before quiz and
    // diagrams were stored differ from these, so every card is written once more with them.
    contentHash: createHash('sha256').update(JSON.stringify({ card, diagram: diagram ? { alt: diagram.alt, svg: diagram.svg } : null })).digest('hex'),
  };
}

/** Tags, explanations and relations of the changed cards, rewritten in three statements. */
async function replaceChildRows(db: Db, library: SeedLibrary, changed: { id: number; slug: string }[]) {
  const changedIds = changed.map((c) => c.id);
  const slugs = new Set(library.concepts.flatMap((c) => [c.slug, ...c.related, ...c.prerequisites]));
  const ids = new Map(
    (await db.select({ id: concepts.id, slug: concepts.slug }).from(concepts).where(inArray(concepts.slug, [...slugs]))).map(
      (r) => [r.slug, r.id],
    ),
  );
  const tagIds = new Map((await db.select({ id: tags.id, slug: tags.slug }).from(tags)).map((r) => [r.slug, r.id]));
  const cards = new Map(library.concepts.map((c) => [c.slug, c]));

  await db.delete(conceptTags).where(inArray(conceptTags.conceptId, changedIds));
  await db.delete(explanations).where(inArray(explanations.conceptId, changedIds));
  await db.delete(conceptRelations).where(inArray(conceptRelations.conceptId, changedIds));

  const tagRows = changed.flatMap(({ id, slug }) =>
    cards.get(slug)!.tags.map((t, position) => ({ conceptId: id, tagId: tagIds.get(t)!, position })),
  );
  const explanationRows = changed.flatMap(({ id, slug }) =>
    cards.get(slug)!.explanations.map((e, position) => ({ conceptId: id, kind: e.kind, body: e.body, position })),
  );
  const relationRows = changed.flatMap(({ id, slug }) => {
    const card = cards.get(slug)!;
    return [
      ...card.related.map((r, position) => ({ conceptId: id, relatedId: ids.get(r)!, kind: 'related' as const, position })),
      ...card.prerequisites.map((r, position) => ({
        conceptId: id,
        relatedId: ids.get(r)!,
        kind: 'prerequisite' as const,
        position,
      })),
    ];
  });
  if (tagRows.length) await db.insert(conceptTags).values(tagRows);
  if (explanationRows.length) await db.insert(explanations).values(explanationRows);
  if (relationRows.length) await db.insert(conceptRelations).values(relationRows).onConflictDoNothing();
}

/** Unknown tags or related slugs would break the foreign keys halfway; name them up front. */
function assertReferencesResolve({ tags: tagSeeds, concepts: cards, diagrams = [] }: SeedLibrary): void {
  const tagSlugs = new Set(tagSeeds.map((t) => t.slug));
  const slugs = new Set(cards.map((c) => c.slug));
  for (const card of cards) {
    const badTag = card.tags.find((t) => !tagSlugs.has(t));
    if (badTag) throw new AppError('INVALID_SEED', `concept ${card.slug}: tags: unknown tag "${badTag}"`);
    const badRelation = [...card.related, ...card.prerequisites].find((r) => !slugs.has(r) || r === card.slug);
    if (badRelation) {
      throw new AppError('INVALID_SEED', `concept ${card.slug}: related: "${badRelation}" is not another concept in seeds/`);
    }
  }
  const orphan = diagrams.find((d) => !slugs.has(d.slug));
  if (orphan) throw new AppError('INVALID_SEED', `seeds/diagrams/${orphan.slug}.svg: there is no concept ${orphan.slug}`);
}

