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
import { clusterMates, conceptsOfStories, storiesByIds, storiesOfConcepts, type StoryRow } from '../news/stories.queries.js';
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
    /** Keyed by "conceptId|limit"; one statement per distinct limit. */
    storiesOfConcept: new DataLoader<string, StoryRow[]>(async (keys) => {
      const parsed = keys.map((k) => k.split('|').map(Number) as [number, number]);
      const results = new Map<string, StoryRow[]>();
      for (const limit of new Set(parsed.map(([, l]) => l))) {
        const ids = parsed.filter(([, l]) => l === limit).map(([id]) => id);
        const rows = await storiesOfConcepts(db, ids, limit);
        for (const id of ids) results.set(`${id}|${limit}`, rows.filter((r) => r.conceptId === id).map((r) => r.story));
      }
      return keys.map((k) => results.get(k) ?? []);
    }),
    relatedOfConcept: relationLoader(db, 'related'),
    prerequisitesOfConcept: relationLoader(db, 'prerequisite'),
    conceptsOfTag: new DataLoader<TagPageKey, TagPage, string>(
      async (keys) => {
        // Keys asking for the same page shape share one statement.
        const results = new Map<string, TagPage>();
        for (const group of groupKeysByShape(keys).values()) {
          const rows = await conceptsOfTags(db, group.map((k) => k.tagId), group[0]!.limit, group[0]!.after);
          for (const key of group) {
            const mine = rows.filter((r) => r.tagId === key.tagId);
            results.set(tagPageKey(key), {
              total: mine[0]?.total ?? 0,
              concepts: mine.flatMap((r) => (r.concept ? [r.concept] : [])),
            });
          }
        }
        return keys.map((k) => results.get(tagPageKey(k))!);
      },
      { cacheKeyFn: tagPageKey },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface TagPageKey {
  tagId: number;
  /** Rows to fetch: the page size plus one, to learn whether another page follows. */
  limit: number;
  after: string | undefined;
}

export interface TagPage {
  total: number;
  concepts: ConceptRow[];
}

const tagPageKey = (k: TagPageKey) => `${k.tagId}|${k.limit}|${k.after ?? ''}`;

function groupKeysByShape(keys: readonly TagPageKey[]): Map<string, TagPageKey[]> {
  const groups = new Map<string, TagPageKey[]>();
  for (const key of keys) {
    const shape = `${key.limit}|${key.after ?? ''}`;
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
