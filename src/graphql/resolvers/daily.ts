import { publishEdition, type EditionRow } from '../../daily/build.js';
import { countEditions, listEditions } from '../../daily/editions.queries.js';
import { editionForReading, isPreview, newestEditionForReading } from '../../daily/reading.js';
import { parsedWindow, windowOf } from '../../content/pagination.js';
import { dateIn } from '../../shared/dates.js';
import { requireAdmin } from '../auth.js';
import type {
  DailyEditionConnectionResolvers,
  DailyEditionResolvers,
  MutationResolvers,
  QueryResolvers,
  RankedStoryResolvers,
  StoryResolvers,
} from '../generated/resolvers.js';
import { toGlobalId } from '../ids.js';
import { connectionResolvers } from './connections.js';
import type { SourceModel, StoryModel } from '../models.js';
import { publisherOf } from '../../news/publisher.js';

export const dailyQueries: Pick<QueryResolvers, 'daily' | 'editions'> = {
  daily: async (_, { date }, { database, timeZone }) => {
    const read = date ? await editionForReading({ database, timeZone }, date) : await newestEditionForReading({ database, timeZone });
    return read.edition;
  },
  editions: async (_, args, { db }) => {
    const window = parsedWindow(windowOf(args), (key) => (/^\d{4}-\d{2}-\d{2}$/.test(key) ? key : undefined));
    const page = await listEditions(db, window);
    return { page, totalCount: () => countEditions(db) };
  },
};

export const dailyMutations: Pick<MutationResolvers, 'publishEdition'> = {
  publishEdition: (_, { date, force }, { database, timeZone, admin }) => {
    requireAdmin(admin);
    return publishEdition({ database, timeZone }, date ?? dateIn(timeZone, new Date()), { force: force ?? false });
  },
};

export const DailyEdition: DailyEditionResolvers = {
  id: (e) => toGlobalId('DailyEdition', e.id),
  conceptOfTheDay: async (e, _, { loaders }) => {
    const first = e.content.concepts[0];
    return first ? loaders.conceptById.load(first.id) : null;
  },
  concepts: async (e, _, { loaders }) =>
    (await loaders.conceptById.loadMany(e.content.concepts.map((c) => c.id))).filter(
      (c): c is Exclude<typeof c, Error | null> => c !== null && !(c instanceof Error),
    ),
  topStories: (e) => e.content.stories,
  preview: isPreview,
};

export const RankedStory: RankedStoryResolvers = {
  story: async (frozen, _, { loaders }) => {
    // Stories in editions cannot be deleted (a RESTRICT foreign key), so the row is there.
    const row = (await loaders.storyById.load(frozen.storyId))!;
    return { ...row, frozen };
  },
};

export const DailyEditionConnection: DailyEditionConnectionResolvers = connectionResolvers<EditionRow>((e) => e.date);

/** The publisher of each story, through the source loader (sources are few and batched). */
async function withPublishers(stories: StoryModel[], loaders: { sourceById: { load(id: number): Promise<SourceModel | null> } }) {
  return Promise.all(stories.map(async (s) => ({ story: s, publisher: publisherOf((await loaders.sourceById.load(s.sourceId))!) })));
}

/** Coverage of a story: frozen with the edition it appears in, else its current cluster's distinct publishers. */
export const storyCoverage: Pick<StoryResolvers, 'coverage' | 'alsoCoveredBy'> = {
  coverage: async (s, _, { loaders }) => {
    if (s.frozen) return s.frozen.coverage;
    if (s.clusterId === null) return 1;
    return new Set((await withPublishers(await loaders.clusterMates.load(s.clusterId), loaders)).map((m) => m.publisher)).size || 1;
  },
  alsoCoveredBy: async (s, _, { loaders }) => {
    if (s.frozen) {
      const rows = await loaders.storyById.loadMany(s.frozen.alsoCoveredBy.map((a) => a.storyId));
      return rows.filter((r): r is StoryModel => r !== null && !(r instanceof Error));
    }
    if (s.clusterId === null) return [];
    const mates = await withPublishers(await loaders.clusterMates.load(s.clusterId), loaders);
    const own = mates.find((m) => m.story.id === s.id)?.publisher;
    const others = mates.filter((m) => m.publisher !== own);
    return [...new Map(others.map((m) => [m.publisher, m.story])).values()];
  },
};
