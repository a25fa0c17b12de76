import { allTags } from '../../content/tags.queries.js';
import { windowOf } from '../../content/pagination.js';
import type { ExplanationResolvers, QueryResolvers, TagResolvers } from '../generated/resolvers.js';
import { toGlobalId } from '../ids.js';

export const tagQueries: Pick<QueryResolvers, 'tag' | 'tags'> = {
  tag: (_, { slug }, { loaders }) => loaders.tagBySlug.load(slug),
  tags: (_, __, { db }) => allTags(db),
};

export const Tag: TagResolvers = {
  id: (t) => toGlobalId('Tag', t.id),
  concepts: async (t, args, { loaders }) => {
    const result = await loaders.conceptsOfTag.load({ id: t.id, window: windowOf(args) });
    return { page: result.page, totalCount: async () => result.total };
  },
};

export const Explanation: ExplanationResolvers = {
  id: (e) => toGlobalId('Explanation', e.id),
  kind: (e) => e.kind.toUpperCase() as 'INTUITION',
};
