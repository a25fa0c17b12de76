import type { NodeResolvers, QueryResolvers } from '../generated/resolvers.js';
import { fromGlobalId } from '../ids.js';

export const nodeQueries: Pick<QueryResolvers, 'node'> = {
  node: async (_, { id }, { loaders }) => {
    const { type, id: key } = fromGlobalId(id);
    if (type === 'Concept') return withType('Concept', await loaders.conceptById.load(key));
    if (type === 'Tag') return withType('Tag', await loaders.tagById.load(key));
    if (type === 'Source') return withType('Source', await loaders.sourceById.load(key));
    if (type === 'Story') return withType('Story', await loaders.storyById.load(key));
    if (type === 'DailyEdition') return withType('DailyEdition', await loaders.editionById.load(key));
    return withType('Explanation', await loaders.explanationById.load(key));
  },
};

const typeOf = Symbol('graphql type');

function withType<T extends object>(type: string, row: T | null) {
  return row ? Object.assign(row, { [typeOf]: type }) : null;
}

export const Node: NodeResolvers = {
  __resolveType: (obj) => (obj as unknown as Record<symbol, string>)[typeOf] as 'Concept',
};
