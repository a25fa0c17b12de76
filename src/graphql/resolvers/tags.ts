import { allTags } from '../../content/tags.queries.js';
import { decodeCursor, pageSize, toPage } from '../../content/pagination.js';
import type { ExplanationResolvers, QueryResolvers, TagResolvers } from '../generated/resolvers.js';
import { toGlobalId } from '../ids.js';

export const tagQueries: Pick<QueryResolvers, 'tag' | 'tags'> = {
  tag: (_, { slug }, { loaders }) => loaders.tagBySlug.load(slug),
  tags: (_, __, { db }) => allTags(db),
};

export const Tag: TagResolvers = {
  id: (t) => toGlobalId('Tag', t.id),
  concepts: async (t, args, { loaders }) => {
    const first = pageSize(args.first);
    const result = await loaders.conceptsOfTag.load({ tagId: t.id, limit: first + 1, after: decodeCursor(args.after) });
    return { page: toPage(result.concepts, first), totalCount: async () => result.total };
  },
};

export const Explanation: ExplanationResolvers = {
  id: (e) => toGlobalId('Explanation', e.id),
  kind: (e) => e.kind.toUpperCase() as 'INTUITION',
};
