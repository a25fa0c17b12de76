import type { NodeResolvers, QueryResolvers } from '../generated/resolvers.js';
import { fromGlobalId } from '../ids.js';
import { editionForReading, previewDate } from '../../daily/reading.js';
import { ingestRunById } from '../../news/ingest-runs.queries.js';

export const nodeQueries: Pick<QueryResolvers, 'node'> = {
  node: async (_, { id }, { db, database, loaders, timeZone }) => {
    const { type, id: key } = fromGlobalId(id);
    switch (type) {
      case 'Concept':
        return withType(type, await loaders.conceptById.load(key));
      case 'Tag':
        return withType(type, await loaders.tagById.load(key));
      case 'Explanation':
        return withType(type, await loaders.explanationById.load(key));
      case 'Source':
        return withType(type, await loaders.sourceById.load(key));
      case 'Story':
        return withType(type, await loaders.storyById.load(key));
      case 'DailyEdition': {
        // A preview is not stored: its id names its date, read again as a reader would (it may be published by now).
        const date = previewDate(key);
        return withType(type, date ? (await editionForReading({ database, timeZone }, date)).edition : await loaders.editionById.load(key));
      }
      case 'IngestRun':
        return withType(type, (await ingestRunById(db, key)) ?? null);
      case 'ApiKey':
      case 'Subscriber':
        return null; // keys and addresses are an admin's business, not public nodes
    }
  },
};

const typeOf = Symbol('graphql type');

function withType<T extends object>(type: string, row: T | null) {
  return row ? Object.assign(row, { [typeOf]: type }) : null;
}

export const Node: NodeResolvers = {
  __resolveType: (obj) => (obj as unknown as Record<symbol, string>)[typeOf] as 'Concept',
};
