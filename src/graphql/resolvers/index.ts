import type { ConceptRow } from '../../content/concepts.queries.js';
import type { Resolvers } from '../generated/resolvers.js';
import { Concept, conceptQueries, SearchConnection, SearchEdge, SearchResult } from './concepts.js';
import { connectionResolvers } from './connections.js';
import { Node, nodeQueries } from './node.js';
import { conceptStories, IngestRun, IngestSourceOutcome, newsMutations, newsQueries, Source, Story, StoryConnection } from './news.js';
import { Date_, DateTime, Url } from './scalars.js';
import { accessMutations, accessQueries, ApiKey } from './access.js';
import { DailyEdition, DailyEditionConnection, dailyMutations, dailyQueries, RankedStory, storyCoverage } from './daily.js';
import { Explanation, Tag, tagQueries } from './tags.js';
import { mailMutations, mailQueries, Subscriber, SubscriberConnection } from './mail.js';

export const resolvers: Resolvers = {
  Date: Date_,
  DateTime,
  URL: Url,
  Query: { ...nodeQueries, ...conceptQueries, ...tagQueries, ...newsQueries, ...dailyQueries, ...accessQueries, ...mailQueries },
  Mutation: { ...newsMutations, ...dailyMutations, ...accessMutations, ...mailMutations },
  ApiKey,
  DailyEdition,
  DailyEditionConnection,
  RankedStory,
  Node,
  Concept: { ...Concept, ...conceptStories },
  Source,
  Story: { ...Story, ...storyCoverage },
  StoryConnection,
  IngestRun,
  IngestSourceOutcome,
  SearchResult,
  SearchConnection,
  SearchEdge,
  Tag,
  Explanation,
  ConceptConnection: connectionResolvers<ConceptRow>((c) => c.slug),
  Subscriber,
  SubscriberConnection,
};
