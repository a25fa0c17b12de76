import { encodeCursor } from '../../content/pagination.js';
import type { ConnectionModel } from '../models.js';

/** edges, nodes, pageInfo and totalCount of any connection, given the keyset key each cursor encodes. */
export function connectionResolvers<T>(keyOf: (node: T) => string) {
  return {
    edges: ({ page }: ConnectionModel<T>) => page.rows.map((node) => ({ cursor: encodeCursor(keyOf(node)), node })),
    nodes: ({ page }: ConnectionModel<T>) => page.rows,
    pageInfo: ({ page }: ConnectionModel<T>) => ({
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.rows.length ? encodeCursor(keyOf(page.rows[0]!)) : null,
      endCursor: page.rows.length ? encodeCursor(keyOf(page.rows[page.rows.length - 1]!)) : null,
    }),
    totalCount: ({ totalCount }: ConnectionModel<T>) => totalCount(),
  };
}
