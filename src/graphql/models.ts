import type { ConceptRow, SearchHit } from '../content/concepts.queries.js';
import type { Page } from '../content/pagination.js';
import type { ExplanationRow, TagRow } from '../content/relations.queries.js';

/** What resolvers receive as parents: database rows, plus lazy totals so counts run only when asked. */
export type ConceptModel = ConceptRow;
export type TagModel = TagRow;
export type ExplanationModel = ExplanationRow;
export type SearchResultModel = SearchHit;

export interface ConceptConnectionModel {
  page: Page<ConceptRow>;
  totalCount: () => Promise<number>;
}
