import { encodeCursor } from '../../content/pagination.js';
import type { ConnectionModel } from '../models.js';

/** edges, pageInfo and totalCount of any connection, given the keyset key each cursor encodes. */
export function connectionResolvers<T>(keyOf: (node: T) => string) {
  return {
    edges: ({ page }: ConnectionModel<T>) => page.rows.map((node) => ({ cursor: encodeCursor(keyOf(node)), node })),
    pageInfo: ({ page }: ConnectionModel<T>) => ({
      hasNextPage: page.hasNextPage,
      endCursor: page.rows.length ? encodeCursor(keyOf(page.rows[page.rows.length - 1]!)) : null,
    }),
    totalCount: ({ totalCount }: ConnectionModel<T>) => totalCount(),
  };
}
