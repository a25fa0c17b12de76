import { countConcepts, listConcepts, searchConcepts, type ConceptFilter } from '../../content/concepts.queries.js';
import { decodeCursor, pageSize } from '../../content/pagination.js';
import { badInput } from '../../shared/errors.js';
import type { ConceptResolvers, QueryResolvers, SearchResultResolvers } from '../generated/resolvers.js';
import { toGlobalId } from '../ids.js';

const maxQueryLength = 200;

export const conceptQueries: Pick<QueryResolvers, 'concept' | 'concepts' | 'search'> = {
  concept: (_, { slug }, { loaders }) => loaders.conceptBySlug.load(slug),
  concepts: async (_, args, { db }) => {
    const first = pageSize(args.first);
    const filter: ConceptFilter = {
      tag: args.tag ?? undefined,
      difficulty: args.difficulty ? (args.difficulty.toLowerCase() as ConceptFilter['difficulty']) : undefined,
      query: args.query ? searchText(args.query) : undefined,
    };
    const page = await listConcepts(db, filter, first, decodeCursor(args.after));
    return { page, totalCount: () => countConcepts(db, filter) };
  },
  search: (_, args, { db }) => searchConcepts(db, searchText(args.query), pageSize(args.first, 10)),
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
  tags: (c, _, { loaders }) => loaders.tagsOfConcept.load(c.id),
  explanations: async (c, { kind }, { loaders }) => {
    const all = await loaders.explanationsOfConcept.load(c.id);
    return kind ? all.filter((e) => e.kind === kind.toLowerCase()) : all;
  },
  related: (c, _, { loaders }) => loaders.relatedOfConcept.load(c.id),
  prerequisites: (c, _, { loaders }) => loaders.prerequisitesOfConcept.load(c.id),
  references: (c) => c.references.map((r) => ({ ...r, url: r.url ?? null })),
};

export const SearchResult: SearchResultResolvers = {
  score: (hit) => hit.rank,
  concept: (hit) => hit.concept,
};
