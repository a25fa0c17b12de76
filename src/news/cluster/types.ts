/** What clustering reads of a story; the edition's candidates carry more (src/daily/types.ts). */
export interface ClusterItem {
  id: number;
  title: string;
  /** Canonical URL (tracking parameters, fragment and arXiv versions already removed), or null. */
  url: string | null;
  /** When the story counts: its date, else when first fetched. */
  effectiveAt: Date;
  /** The independent publisher of its source (arXiv for every arXiv feed). */
  publisher: string;
  /** Its source is an aggregator: its items point at other publishers' articles. */
  aggregator: boolean;
  /**
   * For an aggregator's link to an article on the site of a publisher this installation follows,
   * that publisher: the article counts for it even when its own feed did not carry it (older than
   * the window, or past the feed's last items). Undefined or null otherwise.
   */
  linkedPublisher?: string | null;
  /** An aggregator's own post (Ask HN) or a linkless aggregator item: its own story, never merged by headline. */
  selfPost: boolean;
  /** 0–10. */
  sourceWeight: number;
  /** The feed's summary as stored (plain text); absent or '' when the feed gave none (Hacker News). */
  summary?: string;
}

export interface Cluster<T extends ClusterItem> {
  /** Stable key: the representative's story id as a string. */
  key: string;
  /** An item from a source of its own (not an aggregator) if any; then highest weight, earliest, lowest id. */
  representative: T;
  /** Every member, representative first, in the same precedence. */
  members: T[];
  /** Distinct publishers, the representative's first, then those aggregators linked to: coverage = publishers.length. */
  publishers: string[];
}
