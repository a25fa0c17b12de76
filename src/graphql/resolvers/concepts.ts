import { conceptColumns, countConcepts, countSearch, listConcepts, searchConcepts, searchPage, type ConceptFilter, type ConceptRow } from '../../content/concepts.queries.js';
import { getTableColumns } from 'drizzle-orm';
import { conceptCards, type Card, type ConceptColumn, type ExplanationColumn, type TagColumn } from '../../content/concept-cards.queries.js';
import { explanations, tags } from '../../db/schema/index.js';
import type { ExplanationRow } from '../../content/relations.queries.js';
import { encodeCursor, pageSize, parsedWindow, windowOf } from '../../content/pagination.js';
import type { SearchEdgeModel } from '../models.js';
import { connectionResolvers } from './connections.js';
import { selectedFields } from '../lookahead.js';
import { badInput } from '../../shared/errors.js';
import type { ConceptResolvers, QueryResolvers, SearchConnectionResolvers, SearchEdgeResolvers, SearchResultResolvers } from '../generated/resolvers.js';
import { toGlobalId } from '../ids.js';

const maxQueryLength = 200;

/**
 * Relations fetched with a page of cards, by the page's concept objects (each request's own, so
 * nothing outlives it). Attached rather than primed into the loaders: related rows hold only the
 * columns this query reads, and a loader must only ever hand out whole rows.
 */
const prefetched = new WeakMap<ConceptRow, Card>();

/**
 * The columns each field reads, by type (keys such as id are always fetched). A field not listed
 * makes the cards query fetch every column of that type: a new field is slow, never wrong. The
 * concept-cards test compares every field with what the loaders give.
 */
const conceptFieldColumns: Record<string, readonly ConceptColumn[]> = {
  __typename: [],
  id: ['id'],
  slug: ['slug'],
  name: ['name'],
  title: ['title'],
  summary: ['summary'],
  difficulty: ['difficulty'],
  formula: ['formulaUnicode', 'formulaLatex'],
  example: ['example'],
  image: ['imageUrl', 'imageAlt', 'imageCredit', 'imageLicense', 'imageSourceUrl'],
  tags: ['id'],
  explanations: ['id'],
  related: ['id'],
  prerequisites: ['id'],
  stories: ['id'],
  aliases: ['aliases'],
  references: ['references'],
  quiz: ['quiz'],
  diagram: ['diagramAlt'],
  updatedAt: ['updatedAt'],
};

const tagFieldColumns: Record<string, readonly TagColumn[]> = {
  __typename: [],
  id: [],
  slug: ['slug'],
  name: ['name'],
  description: ['description'],
  concepts: [],
};

const explanationFieldColumns: Record<string, readonly ExplanationColumn[]> = { __typename: [], id: [], kind: [], body: ['body'] };

function columnsFor<C extends string>(fields: Set<string>, byField: Record<string, readonly C[]>, all: readonly C[]): C[] {
  const columns: C[] = [];
  for (const field of fields) {
    const needs = byField[field];
    if (!needs) return [...all];
    columns.push(...needs);
  }
  return columns;
}

const allConceptColumns = Object.keys(conceptColumns) as ConceptColumn[];
const allTagColumns = Object.keys(getTableColumns(tags)) as TagColumn[];
const allExplanationColumns = Object.keys(getTableColumns(explanations)) as ExplanationColumn[];

export const conceptQueries: Pick<QueryResolvers, 'concept' | 'concepts' | 'search' | 'searchConcepts'> = {
  concept: (_, { slug }, { loaders }) => loaders.conceptBySlug.load(slug),
  concepts: async (_, args, { db }, info) => {
    const window = windowOf(args);
    const filter: ConceptFilter = {
      tag: args.tag ?? undefined,
      difficulty: args.difficulty ? (args.difficulty.toLowerCase() as ConceptFilter['difficulty']) : undefined,
      query: args.query ? searchText(args.query) : undefined,
    };
    // Cards asked for with their relations come in one statement with only the columns the query
    // reads (issue 7: a cold page of 100 cards near one hand-written json_agg statement).
    const paths = [['edges', 'node'], ['nodes']];
    const wanted = new Set(paths.flatMap((path) => [...selectedFields(info, path)]));
    if (!wanted.has('tags') && !wanted.has('explanations') && !wanted.has('related')) {
      return { page: await listConcepts(db, filter, window), totalCount: () => countConcepts(db, filter) };
    }
    const below = (field: string) => new Set(paths.flatMap((path) => [...selectedFields(info, [...path, field])]));
    const cards = await conceptCards(db, filter, window, {
      columns: columnsFor(wanted, conceptFieldColumns, allConceptColumns),
      tags: wanted.has('tags') ? columnsFor(below('tags'), tagFieldColumns, allTagColumns) : undefined,
      explanations: wanted.has('explanations') ? columnsFor(below('explanations'), explanationFieldColumns, allExplanationColumns) : undefined,
      related: wanted.has('related') ? columnsFor(below('related'), conceptFieldColumns, allConceptColumns) : undefined,
    });
    for (const card of cards.rows) prefetched.set(card.concept, card);
    const page = { ...cards, rows: cards.rows.map((c) => c.concept) };
    return { page, totalCount: () => countConcepts(db, filter) };
  },
  search: (_, args, { db }) => searchConcepts(db, searchText(args.query), pageSize(args.first, 10)),
  searchConcepts: async (_, args, { db }) => {
    const query = searchText(args.query);
    const window = parsedWindow(windowOf(args, 10), (key) => (/^\d{1,6}$/.test(key) ? Number(key) : undefined));
    return { page: await searchPage(db, query, window), totalCount: () => countSearch(db, query) };
  },
};

function searchText(query: string): string {
  const text = query.trim();
  if (!text) throw badInput('query must not be empty');
  if (text.length > maxQueryLength) throw badInput(`query must be at most ${maxQueryLength} characters`);
  return text;
}

export const Concept: ConceptResolvers = {
  id: (c) => toGlobalId('Concept', c.id),
  difficulty: (c) => c.difficulty.toUpperCase() as 'BEGINNER',
  formula: (c) => (c.formulaUnicode && c.formulaLatex ? { unicode: c.formulaUnicode, latex: c.formulaLatex } : null),
  image: (c) =>
    c.imageUrl && c.imageAlt && c.imageCredit && c.imageLicense
      ? { url: c.imageUrl, alt: c.imageAlt, credit: c.imageCredit, license: c.imageLicense, sourceUrl: c.imageSourceUrl }
      : null,
  tags: (c, _, { loaders }) => prefetched.get(c)?.tags ?? loaders.tagsOfConcept.load(c.id),
  explanations: (c, { kind }, { loaders }) => {
    const ofKind = (all: ExplanationRow[]) => (kind ? all.filter((e) => e.kind === kind.toLowerCase()) : all);
    // Synchronous when prefetched: a promise here makes graphql-js wait on every card of the page.
    const all = prefetched.get(c)?.explanations;
    return all ? ofKind(all) : loaders.explanationsOfConcept.load(c.id).then(ofKind);
  },
  related: (c, _, { loaders }) => prefetched.get(c)?.related ?? loaders.relatedOfConcept.load(c.id),
  prerequisites: (c, _, { loaders }) => loaders.prerequisitesOfConcept.load(c.id),
  references: (c) => c.references.map((r) => ({ ...r, url: r.url ?? null })),
  diagram: (c, _, { origin }) => (c.diagramAlt ? { url: `${origin}/concepts/${c.slug}/diagram.svg`, alt: c.diagramAlt } : null),
};

const searchPaging = connectionResolvers<SearchEdgeModel>((hit) => String(hit.offset));

export const SearchConnection: SearchConnectionResolvers = {
  ...searchPaging,
  edges: ({ page }) => page.rows,
  nodes: ({ page }) => page.rows.map((hit) => hit.concept),
};

/** An edge is the hit itself: its cursor, score and concept. */
export const SearchEdge: SearchEdgeResolvers = {
  cursor: (hit) => encodeCursor(String(hit.offset)),
  score: (hit) => hit.rank,
  node: (hit) => hit.concept,
};

export const SearchResult: SearchResultResolvers = {
  score: (hit) => hit.rank,
  concept: (hit) => hit.concept,
};
