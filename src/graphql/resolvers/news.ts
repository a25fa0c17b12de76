import { pageSize, parsedWindow, windowOf } from '../../content/pagination.js';
import { runIngest } from '../../news/ingest.js';
import { kindOf } from '../../news/kind.js';
import { publisherOf } from '../../news/publisher.js';
import { addSource, listSources, removeSource, updateSource } from '../../news/sources.queries.js';
import { countStories, listStories, parseStoryKey, storyKey, type StoryFilter } from '../../news/stories.queries.js';
import { badInput } from '../../shared/errors.js';
import { requireAdmin } from '../auth.js';
import type {
  ConceptResolvers,
  IngestRunResolvers,
  IngestSourceOutcomeResolvers,
  MutationResolvers,
  QueryResolvers,
  SourceResolvers,
  StoryConnectionResolvers,
  StoryResolvers,
} from '../generated/resolvers.js';
import { idOf, toGlobalId } from '../ids.js';
import { connectionResolvers } from './connections.js';

const fetchStatus = (s: string) => s.toUpperCase() as 'OK';
const sourceKind = (k: 'FEED' | 'AGGREGATOR') => (k === 'AGGREGATOR' ? 'aggregator' : 'feed');

export const newsQueries: Pick<QueryResolvers, 'stories' | 'sources'> = {
  stories: async (_, args, { db }) => {
    const window = parsedWindow(windowOf(args), parseStoryKey);
    const filter: StoryFilter = {
      since: args.since ? new Date(args.since) : undefined,
      sourceId: args.source ? idOf('Source', args.source) : undefined,
      conceptSlug: args.concept ?? undefined,
    };
    return { page: await listStories(db, filter, window), totalCount: () => countStories(db, filter) };
  },
  sources: (_, __, { db }) => listSources(db),
};

export const newsMutations: MutationResolvers = {
  addSource: (_, { input }, { db, admin }) => {
    requireAdmin(admin);
    return addSource(db, {
      url: input.url,
      name: input.name ?? undefined,
      weight: input.weight ?? undefined,
      publisher: input.publisher ?? undefined,
      kind: input.kind ? sourceKind(input.kind) : undefined,
    });
  },
  updateSource: (_, { id, input }, { db, admin }) => {
    requireAdmin(admin);
    return updateSource(db, idOf('Source', id), { ...input, kind: input.kind ? sourceKind(input.kind) : null });
  },
  removeSource: async (_, { id }, { db, admin }) => {
    requireAdmin(admin);
    return (await removeSource(db, { id: idOf('Source', id) })).removed;
  },
  runIngest: async (_, __, { database, logger, fetchOptions, admin }) => {
    requireAdmin(admin);
    return (await runIngest({ database, logger, fetch: fetchOptions }, { trigger: 'api' })) ?? null;
  },
};

export const Source: SourceResolvers = {
  id: (s) => toGlobalId('Source', s.id),
  lastStatus: (s) => (s.lastStatus ? fetchStatus(s.lastStatus) : null),
  publisher: (s) => publisherOf(s),
  kind: (s) => (kindOf(s) === 'aggregator' ? 'AGGREGATOR' : 'FEED'),
};

export const Story: StoryResolvers = {
  id: (s) => toGlobalId('Story', s.id),
  publishedAt: (s) => s.effectiveAt,
  source: async (s, _, { loaders }) => (await loaders.sourceById.load(s.sourceId))!,
  concepts: (s, _, { loaders }) => loaders.conceptsOfStory.load(s.id),
};

export const StoryConnection: StoryConnectionResolvers = connectionResolvers(storyKey);

export const conceptStories: Pick<ConceptResolvers, 'stories' | 'mentions'> = {
  stories: async (c, args, { loaders }) => (await loaders.storiesOfConcept.load({ id: c.id, window: { size: pageSize(args.first, 10), backward: false } })).rows,
  mentions: async (c, args, { loaders }) => ({
    page: await loaders.storiesOfConcept.load({ id: c.id, window: parsedWindow(windowOf(args, 10), parseStoryKey) }),
    totalCount: () => loaders.storyCountOfConcept.load(c.id),
  }),
};

export const IngestRun: IngestRunResolvers = {
  id: (r) => toGlobalId('IngestRun', r.id),
};

export const IngestSourceOutcome: IngestSourceOutcomeResolvers = {
  status: (o) => fetchStatus(o.status),
};
