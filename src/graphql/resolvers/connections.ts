import { encodeCursor, type Page } from '../../content/pagination.js';
import type { ConceptConnectionModel } from '../models.js';
import type { ConceptRow } from '../../content/concepts.queries.js';

/** A concept connection whose cursors are slugs (the lists are in slug order). */
export function conceptConnection(page: Page<ConceptRow>, totalCount: () => Promise<number>): ConceptConnectionModel {
  return { page, totalCount };
}

export const conceptConnectionResolvers = {
  ConceptConnection: {
    edges: ({ page }: ConceptConnectionModel) => page.rows.map((node) => ({ cursor: encodeCursor(node.slug), node })),
    pageInfo: ({ page }: ConceptConnectionModel) => ({
      hasNextPage: page.hasNextPage,
      endCursor: page.rows.length ? encodeCursor(page.rows[page.rows.length - 1]!.slug) : null,
    }),
    totalCount: ({ totalCount }: ConceptConnectionModel) => totalCount(),
  },
};
