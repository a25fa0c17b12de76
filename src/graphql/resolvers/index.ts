import type { Resolvers } from '../generated/resolvers.js';
import { Concept, conceptQueries, SearchResult } from './concepts.js';
import { conceptConnectionResolvers } from './connections.js';
import { Node, nodeQueries } from './node.js';
import { Date_, DateTime } from './scalars.js';
import { Explanation, Tag, tagQueries } from './tags.js';

export const resolvers: Resolvers = {
  Date: Date_,
  DateTime,
  Query: { ...nodeQueries, ...conceptQueries, ...tagQueries },
  Node,
  Concept,
  SearchResult,
  Tag,
  Explanation,
  ...conceptConnectionResolvers,
};
