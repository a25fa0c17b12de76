import type { ConceptRow, SearchHit } from '../content/concepts.queries.js';
import type { Page } from '../content/pagination.js';
import type { ExplanationRow, TagRow } from '../content/relations.queries.js';
import type { ApiKeyRow } from '../access/api-keys.js';
import type { RateLimitState } from '../access/rate-limit.js';
import type { EditionRow } from '../daily/build.js';
import type { EditionSnapshot } from '../daily/snapshot.js';
import type { IngestRun, SourceOutcome } from '../news/ingest.js';
import type { SourceRow } from '../news/sources.queries.js';
import type { SubscriberRow } from '../mail/subscribers/subscribers.queries.js';
import type { PagedStoryRow } from '../news/stories.queries.js';

/** What resolvers receive as parents: database rows, plus lazy totals so counts run only when asked. */
export type ConceptModel = ConceptRow;
export type TagModel = TagRow;
export type ExplanationModel = ExplanationRow;
export type SearchResultModel = SearchHit;

/** A page of a Relay connection; the total is counted only when a client asks for it. */
export interface ConnectionModel<T> {
  page: Page<T>;
  totalCount: () => Promise<number>;
}

export type ConceptConnectionModel = ConnectionModel<ConceptRow>;

/** A search hit and its place in the ranking (the offset its cursor carries). */
export type SearchEdgeModel = SearchHit & { offset: number };
export type SearchConnectionModel = ConnectionModel<SearchEdgeModel>;

export type SourceModel = SourceRow;
/** A story; inside an edition it carries the coverage frozen with the edition. */
export type StoryModel = PagedStoryRow & { frozen?: EditionSnapshot['stories'][number] };
export type IngestRunModel = IngestRun;
export type IngestSourceOutcomeModel = SourceOutcome;

export type StoryConnectionModel = ConnectionModel<PagedStoryRow>;

export type DailyEditionModel = EditionRow;
export type RankedStoryModel = EditionSnapshot['stories'][number];

export type DailyEditionConnectionModel = ConnectionModel<EditionRow>;

export type ApiKeyModel = ApiKeyRow;
export type RateLimitModel = RateLimitState;

export type SubscriberModel = SubscriberRow;
export type SubscriberConnectionModel = ConnectionModel<SubscriberRow>;
