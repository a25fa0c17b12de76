import DataLoader from 'dataloader';
import { conceptsByIds, conceptsBySlugs, type ConceptRow } from '../content/concepts.queries.js';
import {
  explanationsByIds,
  explanationsOfConcepts,
  relatedOfConcepts,
  tagsOfConcepts,
  type ExplanationRow,
  type RelationKind,
  type TagRow,
} from '../content/relations.queries.js';
import { conceptsOfTags, tagsByIds, tagsBySlugs } from '../content/tags.queries.js';
import type { Db } from '../db/client.js';
import { sourcesByIds, type SourceRow } from '../news/sources.queries.js';
import {
  clusterMates,
  conceptsOfStories,
  countStoriesOfConcepts,
  storiesByIds,
  storiesOfConcepts,
  type PagedStoryRow,
  type StoryKey,
  type StoryRow,
} from '../news/stories.queries.js';
import { toPage, type Page, type Window } from '../content/pagination.js';
import { editionsByIds } from '../daily/editions.queries.js';
import type { EditionRow } from '../daily/build.js';

/** Per-request batching: each relation costs one statement however many parents ask for it. */
export function createLoaders(db: Db) {
  return {
    conceptById: new DataLoader<number, ConceptRow | null>(async (ids) => byKey(ids, await conceptsByIds(db, ids), (c) => c.id)),
    conceptBySlug: new DataLoader<string, ConceptRow | null>(async (slugs) =>
      byKey(slugs, await conceptsBySlugs(db, slugs), (c) => c.slug),
    ),
    tagById: new DataLoader<number, TagRow | null>(async (ids) => byKey(ids, await tagsByIds(db, ids), (t) => t.id)),
    tagBySlug: new DataLoader<string, TagRow | null>(async (slugs) => byKey(slugs, await tagsBySlugs(db, slugs), (t) => t.slug)),
    explanationById: new DataLoader<number, ExplanationRow | null>(async (ids) =>
      byKey(ids, await explanationsByIds(db, ids), (e) => e.id),
    ),
    tagsOfConcept: new DataLoader<number, TagRow[]>(async (ids) =>
      groupBy(ids, await tagsOfConcepts(db, ids), (r) => r.conceptId, (r) => r.tag),
    ),
    explanationsOfConcept: new DataLoader<number, ExplanationRow[]>(async (ids) =>
      groupBy(ids, await explanationsOfConcepts(db, ids), (r) => r.conceptId, (r) => r),
    ),
    sourceById: new DataLoader<number, SourceRow | null>(async (ids) => byKey(ids, await sourcesByIds(db, ids), (s) => s.id)),
    storyById: new DataLoader<number, StoryRow | null>(async (ids) => byKey(ids, await storiesByIds(db, ids), (s) => s.id)),
    clusterMates: new DataLoader<number, StoryRow[]>(async (ids) =>
      groupBy(ids, await clusterMates(db, ids), (s) => s.clusterId!, (s) => s),
    ),
    editionById: new DataLoader<number, EditionRow | null>(async (ids) => byKey(ids, await editionsByIds(db, ids), (e) => e.id)),
    conceptsOfStory: new DataLoader<number, ConceptRow[]>(async (ids) =>
      groupBy(ids, await conceptsOfStories(db, ids), (r) => r.storyId, (r) => r.concept),
    ),
    /** A window of each concept's stories; keys asking for the same window share one statement. */
    storiesOfConcept: new DataLoader<WindowKey<StoryKey>, Page<PagedStoryRow>, string>(
      async (keys) => {
        const results = new Map<string, Page<PagedStoryRow>>();
        for (const group of groupByWindow(keys).values()) {
          const { window } = group[0]!;
          const rows = await storiesOfConcepts(db, group.map((k) => k.id), window);
          for (const key of group) results.set(windowKey(key), toPage(rows.filter((r) => r.conceptId === key.id).map((r) => r.story), window));
        }
        return keys.map((k) => results.get(windowKey(k))!);
      },
      { cacheKeyFn: windowKey },
    ),
    storyCountOfConcept: new DataLoader<number, number>(async (ids) => {
      const counts = await countStoriesOfConcepts(db, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    relatedOfConcept: relationLoader(db, 'related'),
    prerequisitesOfConcept: relationLoader(db, 'prerequisite'),
    conceptsOfTag: new DataLoader<WindowKey<string>, TagPage, string>(
      async (keys) => {
        // Keys asking for the same window share one statement.
        const results = new Map<string, TagPage>();
        for (const group of groupByWindow(keys).values()) {
          const { window } = group[0]!;
          const rows = await conceptsOfTags(db, group.map((k) => k.id), window);
          for (const key of group) {
            const mine = rows.filter((r) => r.tagId === key.id);
            results.set(windowKey(key), {
              total: mine[0]?.total ?? 0,
              page: toPage(mine.flatMap((r) => (r.concept ? [r.concept] : [])), window),
            });
          }
        }
        return keys.map((k) => results.get(windowKey(k))!);
      },
      { cacheKeyFn: windowKey },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** A parent's id and the window of its connection asked for. */
export interface WindowKey<K> {
  id: number;
  window: Window<K>;
}

export interface TagPage {
  total: number;
  page: Page<ConceptRow>;
}

const windowShape = (w: Window<unknown>) => JSON.stringify([w.size, w.after ?? null, w.before ?? null, w.backward]);
const windowKey = (k: WindowKey<unknown>) => `${k.id}|${windowShape(k.window)}`;

function groupByWindow<K>(keys: readonly WindowKey<K>[]): Map<string, WindowKey<K>[]> {
  const groups = new Map<string, WindowKey<K>[]>();
  for (const key of keys) {
    const shape = windowShape(key.window);
    const group = groups.get(shape);
    if (group) group.push(key);
    else groups.set(shape, [key]);
  }
  return groups;
}

function relationLoader(db: Db, kind: RelationKind) {
  return new DataLoader<number, ConceptRow[]>(async (ids) =>
    groupBy(ids, await relatedOfConcepts(db, ids, kind), (r) => r.conceptId, (r) => r.concept),
  );
}

function byKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

function groupBy<K, R, T>(keys: readonly K[], rows: R[], keyOf: (row: R) => K, valueOf: (row: R) => T): T[][] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(valueOf(row));
    else map.set(key, [valueOf(row)]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
