import { getTableColumns, sql, type Column, type SQL } from 'drizzle-orm';
import { queryPreparedRows, type Db } from '../db/client.js';
import { jsonRowMapper } from '../db/json-rows.js';
import { conceptColumns, conceptPageQuery, type ConceptFilter, type ConceptRow } from './concepts.queries.js';
import { explanations, tags } from '../db/schema/index.js';
import { toPage, type Page } from './pagination.js';
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
export async function conceptCards(db: Db, filter: ConceptFilter, first: number, after: string | undefined, parts: CardParts): Promise<Page<Card>> {
  const concept = picked(conceptColumns, ['id', 'slug', ...parts.columns]);
  const tag = parts.tags && picked(tagColumns, ['id', ...parts.tags]);
  const explanation = parts.explanations && picked(explanationColumns, ['id', 'kind', ...parts.explanations]);
  const related = parts.related && picked(conceptColumns, ['id', 'slug', ...parts.related]);
  const fields: SQL[] = [sql`'concept', ${objectOf('p', concept)}`];
  if (tag) {
    fields.push(sql`'tags', (select coalesce(json_agg(${objectOf('t', tag)} order by ct.position), '[]')
      from concept_tags ct join tags t on t.id = ct.tag_id where ct.concept_id = p.id)`);
  }
  if (explanation) {
    fields.push(sql`'explanations', (select coalesce(json_agg(${objectOf('e', explanation)} order by e.position), '[]')
      from explanations e where e.concept_id = p.id)`);
  }
  if (related) {
    fields.push(sql`'related', (select coalesce(json_agg(${objectOf('r', related)} order by cr.position), '[]')
      from concept_relations cr join concepts r on r.id = cr.related_id
      where cr.concept_id = p.id and cr.kind = 'related' and r.status = 'published')`);
  }
  // The page selects only what the objects below read (and what related/tags/explanations join on).
  const page = conceptPageQuery(db, filter, first, after, concept as Partial<typeof conceptColumns>);
  const [row] = await queryPreparedRows<{ cards: RawCard[] | string }>(
    db,
    sql`select coalesce(json_agg(json_build_object(${sql.join(fields, sql`, `)}) order by p.slug), '[]') as cards
        from (${page}) p`,
  );
  const raw = typeof row!.cards === 'string' ? (JSON.parse(row!.cards) as RawCard[]) : row!.cards;
  const toConcept = jsonRowMapper<ConceptRow>(concept);
  const toTag = tag && jsonRowMapper<TagRow>(tag);
  const toExplanation = explanation && jsonRowMapper<ExplanationRow>(explanation);
  const toRelated = related && jsonRowMapper<ConceptRow>(related);
  const cards = raw.map((c) => ({
    concept: toConcept(c.concept),
    tags: toTag && c.tags?.map(toTag),
    explanations: toExplanation && c.explanations?.map(toExplanation),
    related: toRelated && c.related?.map(toRelated),
  }));
  return toPage(cards, first);
}

interface RawCard {
  concept: Record<string, unknown>;
  tags?: Record<string, unknown>[];
  explanations?: Record<string, unknown>[];
  related?: Record<string, unknown>[];
}

/**
 * The named columns of a table's column set (keys the resolvers need, such as id, included by the
 * caller), in a fixed order: queries asking for the same fields in any order make one statement text.
 */
function picked<C extends Record<string, Column>>(columns: C, keys: readonly (keyof C & string)[]): Record<string, Column> {
  return Object.fromEntries([...new Set(keys)].sort().map((key) => [key, columns[key]!]));
}

/** `json_build_object('id', p."id", …)`: column names come from the schema, never from input. */
function objectOf(alias: string, columns: Record<string, Column>): SQL {
  const pairs = Object.values(columns).map((c) => `'${c.name}', ${alias}."${c.name}"`);
  return sql.raw(`json_build_object(${pairs.join(', ')})`);
}
