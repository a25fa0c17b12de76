import { getTableColumns, sql, type Column, type SQL } from 'drizzle-orm';
import { queryPreparedRows, type Db } from '../db/client.js';
import { jsonObjectOf, jsonRowDecoder } from '../db/json-rows.js';
import { conceptColumns, conceptPageQuery, type ConceptFilter, type ConceptRow } from './concepts.queries.js';
import { explanations, tags } from '../db/schema/index.js';
import { toPage, type Page, type Window } from './pagination.js';
import type { ExplanationRow, TagRow } from './relations.queries.js';

export type ConceptColumn = keyof ConceptRow;
export type TagColumn = keyof TagRow;
export type ExplanationColumn = keyof ExplanationRow;

/** What a page of cards carries: the concept columns asked for, and each relation asked for, with its columns. */
export interface CardParts {
  columns: readonly ConceptColumn[];
  tags?: readonly TagColumn[] | undefined;
  explanations?: readonly ExplanationColumn[] | undefined;
  related?: readonly ConceptColumn[] | undefined;
}

/**
 * A concept with the relations asked for. Rows hold only the columns asked for (and the keys:
 * ids, a concept's slug, an explanation's kind): never share them with code that expects whole
 * rows (the loaders).
 */
export interface Card {
  concept: ConceptRow;
  tags?: TagRow[];
  explanations?: ExplanationRow[];
  related?: ConceptRow[];
}

const tagColumns = getTableColumns(tags);
const explanationColumns = getTableColumns(explanations);

/**
 * A page of concepts (as listConcepts pages them) with the asked-for relations, in one statement
 * returning one JSON value: the same page through the batched loaders is four statements and
 * ~1,000 rows through the driver. Relations keep the loaders' order and filters
 * (relations.queries.ts); only the columns asked for are turned into JSON, which is most of the
 * statement's cost (all columns of 400 related concepts took 15 ms of 22 on PGlite).
 */
export async function conceptCards(db: Db, filter: ConceptFilter, window: Window, parts: CardParts): Promise<Page<Card>> {
  const concept = picked(conceptColumns, ['id', 'slug', ...parts.columns]);
  const tag = parts.tags && picked(tagColumns, ['id', ...parts.tags]);
  const explanation = parts.explanations && picked(explanationColumns, ['id', 'kind', ...parts.explanations]);
  const related = parts.related && picked(conceptColumns, ['id', 'slug', ...parts.related]);
  const fields: SQL[] = [sql`'concept', ${jsonObjectOf('p', concept)}`];
  if (tag) {
    fields.push(sql`'tags', (select coalesce(json_agg(${jsonObjectOf('t', tag)} order by ct.position), '[]')
      from concept_tags ct join tags t on t.id = ct.tag_id where ct.concept_id = p.id)`);
  }
  if (explanation) {
    fields.push(sql`'explanations', (select coalesce(json_agg(${jsonObjectOf('e', explanation)} order by e.position), '[]')
      from explanations e where e.concept_id = p.id)`);
  }
  if (related) {
    fields.push(sql`'related', (select coalesce(json_agg(${jsonObjectOf('r', related)} order by cr.position), '[]')
      from concept_relations cr join concepts r on r.id = cr.related_id
      where cr.concept_id = p.id and cr.kind = 'related' and r.status = 'published')`);
  }
  // The page selects only what the objects below read (and what related/tags/explanations join on).
  const page = conceptPageQuery(db, filter, window, concept as Partial<typeof conceptColumns>);
  const [row] = await queryPreparedRows<{ cards: Card[] | string }>(
    db,
    // In fetch order (reversed when paging backward), as toPage expects.
    sql`select coalesce(json_agg(json_build_object(${sql.join(fields, sql`, `)}) order by p.slug ${sql.raw(window.backward ? 'desc' : 'asc')}), '[]') as cards
        from (${page}) p`,
  );
  // Built under drizzle's keys: only columns JSON cannot carry as drizzle gives them are decoded,
  // in place; the parsed objects are the cards.
  const cards = (typeof row!.cards === 'string' ? JSON.parse(row!.cards) : row!.cards) as Card[];
  const decodeConcept = jsonRowDecoder(concept);
  const decodeTag = tag && jsonRowDecoder(tag);
  const decodeExplanation = explanation && jsonRowDecoder(explanation);
  const decodeRelated = related && jsonRowDecoder(related);
  for (const card of cards) {
    decodeConcept?.(card.concept);
    if (decodeTag) card.tags?.forEach(decodeTag);
    if (decodeExplanation) card.explanations?.forEach(decodeExplanation);
    if (decodeRelated) card.related?.forEach(decodeRelated);
  }
  return toPage(cards, window);
}

/**
 * The named columns of a table's column set (keys the resolvers need, such as id, included by the
 * caller), in a fixed order: queries asking for the same fields in any order make one statement text.
 */
function picked<C extends Record<string, Column>>(columns: C, keys: readonly (keyof C & string)[]): Record<string, Column> {
  return Object.fromEntries([...new Set(keys)].sort().map((key) => [key, columns[key]!]));
}
